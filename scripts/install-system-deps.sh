#!/usr/bin/env bash
# Installs the Debian packages Daiban's tests and tools need on a fresh machine (CI, a developer's box).
# Idempotent: checks what is there first and runs `apt-get update` only when something is missing.
#
#   poppler-utils            pdftotext / pdfinfo / pdffonts / pdftoppm: tests read printed PDFs back
#   cups cups-client cups-bsd CUPS scheduler and lp/lpstat/lpadmin: the real print path on Linux
#   printer-driver-cups-pdf  a CUPS queue that "prints" to a PDF file, for the printing tests
#   zbar-tools               zbarimg: decodes the QR code on a rendered receipt
#   chromium                 end-to-end tests of the browser UI
#   postgresql               the platform's PostgreSQL tests
#   xvfb                     a virtual display for UI screenshots
#   fonts-noto-cjk           Chinese glyphs in the browser UI screenshots
#   python3-openpyxl         a second reader of the exported ledger (.xlsx) besides exceljs
#   haproxy                  the load balancer in front of two platform instances (multi-instance tests)
#   socat                    a pseudo-terminal pair: the simulated ID card reader's serial line
#   gcc                      compiles the fake vendor SDK library the ID card reader's FFI driver is tested on
#
# Usage: scripts/install-system-deps.sh        (as root, or a user with sudo)
set -euo pipefail

PACKAGES=(
  poppler-utils
  cups
  cups-client
  cups-bsd
  printer-driver-cups-pdf
  zbar-tools
  chromium
  postgresql
  xvfb
  fonts-noto-cjk
  python3-openpyxl
  haproxy
  socat
  gcc
)

log() { printf '[install-system-deps] %s\n' "$*"; }
die() { printf '[install-system-deps] ERROR: %s\n' "$*" >&2; exit 1; }

is_installed() {
  # "install ok installed" is dpkg's status for a fully installed package.
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

command -v dpkg-query >/dev/null 2>&1 || die "dpkg is not available: this script supports Debian/Ubuntu (and UOS/Kylin) only."
command -v apt-get >/dev/null 2>&1 || die "apt-get is not available: install these packages by hand: ${PACKAGES[*]}"

missing=()
for pkg in "${PACKAGES[@]}"; do
  if is_installed "$pkg"; then
    log "ok       $pkg"
  else
    log "missing  $pkg"
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  log "all system packages are installed."
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
    log "not root: using sudo"
  else
    die "not root and passwordless sudo is not available; run as root: sudo $0  (missing: ${missing[*]})"
  fi
fi

export DEBIAN_FRONTEND=noninteractive
log "running apt-get update"
"${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q || die "apt-get update failed (no network to the Debian mirror?)"

log "installing: ${missing[*]}"
# --no-install-recommends keeps CI lean; every package listed above works without its recommends.
"${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" \
  || die "apt-get install failed for: ${missing[*]}"

still_missing=()
for pkg in "${missing[@]}"; do
  is_installed "$pkg" || still_missing+=("$pkg")
done
[ "${#still_missing[@]}" -eq 0 ] || die "still not installed after apt-get: ${still_missing[*]}"

# The tools the tests call, checked by name.
for tool in pdftotext pdfinfo pdffonts pdftoppm lp lpstat lpadmin zbarimg; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is missing although its package is installed"
done
[ -x /usr/sbin/cupsd ] || die "/usr/sbin/cupsd is missing although cups is installed"

log "done: installed ${missing[*]}"

/**
 * An enrollment code as the cadre types it from a note or a phone message: upper-case, full-width letters
 * and digits made half-width, spaces dropped, any dash-like mark (—, －, _, ·) made one '-'.
 */
export function normalizeEnrollCode(raw: string | undefined): string {
  return (raw ?? '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/[‐‑‒–—―−_·•]/g, '-')
    .replace(/-{2,}/g, '-');
}

/** What is sent: as typed and normalised, without dashes at either end. */
export function finalEnrollCode(raw: string | undefined): string {
  return normalizeEnrollCode(raw).replace(/^-+|-+$/g, '');
}

/** The address without surrounding spaces or a trailing slash. */
export function normalizePlatformUrl(raw: string | undefined): string {
  return (raw ?? '').trim().replace(/\/+$/, '');
}

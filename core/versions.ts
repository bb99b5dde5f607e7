/**
 * The little of semantic versioning the release store and the terminal's update policy need: validate a version and order two of them
 * (major.minor.patch, then pre-release: a version without one is newer; identifiers compared one by one).
 * Build metadata (`+…`) is refused: electron-updater ignores it, so two such releases would look equal.
 */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$/;

export function isReleaseVersion(v: string): boolean {
  return SEMVER.test(v);
}

function parts(v: string): { core: number[]; pre: string[] } {
  const m = SEMVER.exec(v);
  if (!m) throw new TypeError(`not a release version: ${v}`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.') : [] };
}

function compareIdentifier(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Number(a) - Number(b);
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when a is older than b, 0 when equal, positive when newer. */
export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return x.core[i]! - y.core[i]!;
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
    const c = compareIdentifier(x.pre[i]!, y.pre[i]!);
    if (c !== 0) return c;
  }
  return x.pre.length - y.pre.length;
}

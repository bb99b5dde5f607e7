import { parentDivisionCode, type NamedDivision } from '../../core/divisions/model';
import { appendChanges, type NewChange } from '../change-feed';
import type { PlatformContext } from '../context';
import type { Queryable } from '../database/types';

export interface LoadDivisionsResult {
  added: number;
  renamed: number;
  unchanged: number;
  /** `divisions.published` changes appended (a division with its children, twice: down and up). */
  published: number;
}

/** Held while loading: two loads at once would each publish a group without the other's names. */
const DIVISIONS_LOCK = 4_640_303;
/** The feed's limit per change body (core/divisions/model.ts). */
const GROUP_MAX = 2000;

/**
 * Loads named divisions (a county's list, the seed) in one transaction: new and renamed ones are stored, and
 * each division whose children changed is published with all its children, to its own terminals and those
 * below (a village learns its neighbours, a township its villages) and, fan_up, to the terminals above (a
 * county learns its townships' villages). Loading the same list again publishes nothing.
 */
export async function loadDivisions(ctx: PlatformContext, divisions: readonly NamedDivision[]): Promise<LoadDivisionsResult> {
  const at = ctx.now().toISOString();
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DIVISIONS_LOCK]);
    const known = new Map(
      (await tx.query<{ code: string; name: string }>('SELECT code, name FROM divisions WHERE code = ANY($1::text[])', [divisions.map((d) => d.code)])).map(
        (r) => [r.code, r.name],
      ),
    );
    const changed = divisions.filter((d) => known.get(d.code) !== d.name);
    if (changed.length > 0) {
      await tx.query(
        `INSERT INTO divisions (code, name, level, parent_code, updated_at)
         SELECT d.code, d.name, d.level, d.parent, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS d(code, name, level, parent)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at`,
        [changed.map((d) => d.code), changed.map((d) => d.name), changed.map((d) => d.level), changed.map((d) => d.parent), at],
      );
    }
    const groups = new Set<string>();
    for (const d of changed) {
      const parent = parentDivisionCode(d.code);
      if (parent) groups.add(parent);
      // A division's own terminals learn its name even where its parent is not on the list.
      if (d.level !== 'village') groups.add(d.code);
    }
    const changes: NewChange[] = [];
    for (const code of [...groups].sort()) {
      for (const body of await groupBodies(tx, code)) {
        changes.push({ kind: 'divisions.published', divisionCode: code, fanUp: false, body });
        changes.push({ kind: 'divisions.published', divisionCode: code, fanUp: true, body });
      }
    }
    await appendChanges(tx, changes, at);
    const added = changed.filter((d) => !known.has(d.code)).length;
    ctx.log.info({ added, renamed: changed.length - added, published: changes.length }, 'divisions loaded');
    return { added, renamed: changed.length - added, unchanged: divisions.length - changed.length, published: changes.length };
  });
}

/** The division and its children as change bodies, in chunks the feed takes (each chunk names the division too). */
async function groupBodies(tx: Queryable, code: string): Promise<{ divisions: { code: string; name: string }[] }[]> {
  const [self] = await tx.query<{ code: string; name: string }>('SELECT code, name FROM divisions WHERE code = $1', [code]);
  const children = await tx.query<{ code: string; name: string }>('SELECT code, name FROM divisions WHERE parent_code = $1 ORDER BY code', [code]);
  const head = self ? [self] : [];
  if (children.length === 0) return head.length ? [{ divisions: head }] : [];
  const bodies = [];
  for (let i = 0; i < children.length; i += GROUP_MAX - 1) bodies.push({ divisions: [...head, ...children.slice(i, i + GROUP_MAX - 1)] });
  return bodies;
}

/** Names of the given divisions that the platform holds (the fleet, the CLI). */
export async function divisionNames(db: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ code: string; name: string }>('SELECT code, name FROM divisions WHERE code = ANY($1::text[])', [[...new Set(codes)]]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

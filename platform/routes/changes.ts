import type { FastifyInstance } from 'fastify';
import { LIMITS, type ChangesResponse } from '../../core/sync/protocol';
import { NATIONWIDE, selfAndAncestors } from '../auth/jurisdiction';
import { terminalOf } from '../auth/signed-request';
import type { PlatformContext } from '../context';
import { isoOf, type Queryable } from '../database/types';
import { PlatformError } from '../errors';

const CURSOR = /^(0|[1-9]\d{0,17})$/;

function queryValue(query: unknown, name: string): string | undefined {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new PlatformError(400, 'INVALID_REQUEST', `参数 ${name} 只能出现一次`);
  return v;
}

/**
 * The change feed, in seq order. A terminal sees a change when its division is the terminal's own or one
 * above it, or nationwide; a fan_up change instead goes to the terminals *above* its division (a township
 * sees its villages' applications); one marked also_own is read by the terminals of its own division too (a
 * village's other terminals), except the one that caused it, which has it already (migration 20: a village with one
 * PC downloads nothing twice). An `exact` change (an account) goes to the terminals of its own division
 * only: a reviewer's password hash is not for the villages below the township. Who reads what is written
 * beside each change as its audience (migration 13), so a poll reads only its own rows. The cursor is the seq
 * as a decimal string. An application.received change that names `submission_of` gets the application's
 * original submission added here (see change-feed.ts).
 */
export function registerChanges(app: FastifyInstance, ctx: PlatformContext): void {
  app.get('/v1/changes', async (request): Promise<ChangesResponse> => {
    const terminal = terminalOf(request);
    const after = queryValue(request.query, 'after') ?? '0';
    if (!CURSOR.test(after)) throw new PlatformError(400, 'INVALID_REQUEST', '同步游标格式不正确', { after });
    const limitText = queryValue(request.query, 'limit');
    const limit = limitText === undefined ? LIMITS.changesPageSize : Number(limitText);
    if (!/^\d+$/.test(limitText ?? '1') || !Number.isInteger(limit) || limit < 1 || limit > LIMITS.changesPageSize) {
      throw new PlatformError(400, 'INVALID_REQUEST', `每页条数应为1到${LIMITS.changesPageSize}`, { limit: limitText });
    }
    return { ...(await readFeedPage(ctx.db, terminal, after, limit)), serverTime: ctx.now().toISOString() };
  });
}

/**
 * One page of a terminal's feed after `after` (the route above, and a return file's pages: platform/transfer).
 * Index range scans of change_audience (migration 13): the rows addressed to this terminal's division, and the
 * inheritable ones of each division above it (one bounded scan each: the planner cannot misjudge a province's
 * millions of fan-up rows as a reason to scan in parallel); only what this terminal reads is touched.
 */
export async function readFeedPage(
  db: Queryable,
  terminal: { id: string; divisionCode: string },
  after: string,
  limit: number,
): Promise<Omit<ChangesResponse, 'serverTime'>> {
  const own = terminal.divisionCode;
  const inherited = [...selfAndAncestors(own).filter((d) => d !== own), NATIONWIDE];
  // A row of its own division that names this terminal is a change it caused itself (migration 20): it is not
  // sent and does not count against the page, so a terminal that sent a thousand applications does not page
  // through a thousand empty pages of its own echoes. The last such row in the same snapshot is returned too:
  // when nothing else follows, the cursor moves past it (changes commit in seq order, so nothing lower appears later).
  const rows = await db.query<{ cursor: string; kind: string; division_code: string; body: unknown; created_at: unknown; mine_max: string | null }>(
    `WITH picked AS (
       SELECT seq FROM (
         (SELECT seq FROM change_audience
          WHERE audience = $2 AND seq > $1::bigint AND skip_terminal IS DISTINCT FROM $5::uuid ORDER BY seq LIMIT $4)
         UNION ALL
         (SELECT x.seq FROM unnest($3::bpchar[]) AS d(audience)
            CROSS JOIN LATERAL (SELECT seq FROM change_audience i WHERE i.audience = d.audience AND i.inherit AND i.seq > $1::bigint
                                ORDER BY i.seq LIMIT $4) x)
       ) s ORDER BY seq LIMIT $4),
     mine AS (SELECT max(seq)::text AS mine_max FROM change_audience WHERE audience = $2 AND seq > $1::bigint AND skip_terminal = $5::uuid)
     SELECT p.seq::text AS cursor, c.kind, c.division_code, c.created_at, m.mine_max,
            CASE WHEN c.submission_of IS NULL THEN c.body
                 ELSE c.body || jsonb_build_object('submission', COALESCE(a.original_body, a.body)) END AS body
     FROM mine m LEFT JOIN picked p ON true LEFT JOIN changes c ON c.seq = p.seq LEFT JOIN applications a ON a.id = c.submission_of
     ORDER BY p.seq`,
    [after, own, inherited, limit + 1, terminal.id],
  );
  const mineMax = rows[0]?.mine_max ?? null;
  const found = rows.filter((r) => r.cursor !== null);
  const page = found.slice(0, limit);
  const more = found.length > limit;
  const last = page.at(-1)?.cursor ?? after;
  return {
    changes: page.map((r) => ({ cursor: r.cursor, kind: r.kind, divisionCode: r.division_code, body: r.body, at: isoOf(r.created_at) })),
    cursor: !more && mineMax !== null && BigInt(mineMax) > BigInt(last) ? mineMax : last,
    more,
  };
}

import { parseDivisionCode } from '../../core/division';
import type { PlatformContext } from '../context';
import { invalidInput, notFound, PlatformError } from '../errors';
import type { AdminActor } from './sessions';

/**
 * An IT account manages the terminals, accounts and enrollment codes inside its own division (a county's
 * staff their county). Catalog and releases are province-wide and open to every IT account.
 */

function forbidden(actor: AdminActor): PlatformError {
  return new PlatformError(403, 'FORBIDDEN', `该区划不在您的管辖范围内（您管辖的区划代码以 ${actor.prefix} 开头）`);
}

/** Refuses a division outside the actor's jurisdiction; returns the division padded to 12 digits. */
export function assertWithin(actor: AdminActor, divisionCode: string): string {
  const parsed = parseDivisionCode(divisionCode);
  if (!parsed.ok) throw invalidInput(parsed.message);
  if (!parsed.value.code.startsWith(actor.prefix)) throw forbidden(actor);
  return parsed.value.code;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A terminal the actor may manage: 404 when there is none, 403 when it is outside the jurisdiction. */
export async function assertTerminalWithin(ctx: PlatformContext, actor: AdminActor, terminalId: string): Promise<void> {
  if (!UUID.test(terminalId)) throw notFound('没有这个终端（终端编号格式不正确）');
  const [row] = await ctx.db.query<{ division_code: string }>('SELECT division_code FROM terminals WHERE id = $1', [terminalId]);
  if (!row) throw notFound(`没有编号为 ${terminalId} 的终端`);
  if (!row.division_code.startsWith(actor.prefix)) throw forbidden(actor);
}

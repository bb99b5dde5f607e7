import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { FleetReport } from '../../core/admin/api';
import type { PlatformContext } from '../context';
import { fleetReport } from '../fleet';
import { actorOfRequest } from './sessions';

/** The fleet of the IT account's division; `?flagged=1` leaves out the terminals without a flag. */
export function registerFleetRoutes(app: FastifyInstance, ctx: PlatformContext, auth: preHandlerHookHandler): void {
  app.get('/fleet', { preHandler: auth }, async (request): Promise<FleetReport> => {
    const actor = actorOfRequest(request);
    const flagged = (request.query as Record<string, unknown> | undefined)?.flagged;
    return fleetReport(ctx, { division: actor.divisionCode, flaggedOnly: flagged === '1' || flagged === 'true' });
  });
}

import type { IdCardOutputs } from '../../core/api/id-card-methods';
import { CARD_PROBLEM_TEXT } from '../../core/id-card/text-block';
import { appendAudit, findResidentByIdNumber } from '../../db';
import type { Handlers } from '../runtime/handler-type';
import { INTAKE_ROLES, requireUser } from '../runtime/guard';
import { toResidentSummary } from '../residents/handlers';
import type { IdCardService } from './service';

/**
 * The reader at the counter. A read is audited (who, when, and the resident when one is registered with that
 * number); the card's fields go to the screen only: a new resident's record is what keeps them, once the
 * cadre confirms the registration.
 */
export function idCardHandlers(service: IdCardService): Handlers<keyof IdCardOutputs> {
  return {
    'idCard.status': (ctx) => {
      requireUser(ctx);
      return service.status();
    },
    'idCard.read': async (ctx) => {
      const user = requireUser(ctx, INTAKE_ROLES);
      const { card } = await service.read();
      const resident = findResidentByIdNumber(ctx.db, card.idNumber);
      appendAudit(ctx.db, {
        at: ctx.clock.now().toISOString(),
        actorId: user.id,
        action: 'id_card_read',
        entityType: 'resident',
        entityId: resident?.id ?? null,
        detail: { registered: resident !== null },
      });
      const { problems, ethnicityCode: _code, ...fields } = card;
      return { card: fields, warnings: problems.map((p) => CARD_PROBLEM_TEXT[p]), resident: resident ? toResidentSummary(resident) : null };
    },
  };
}

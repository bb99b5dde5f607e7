import { v7 as uuidv7 } from 'uuid';
import type { RatingOutputs, RatingView, SatisfactionGroupView } from '../../core/api/rating-methods';
import type { StationParsedInput } from '../../core/api/schemas';
import { shanghaiDate } from '../../core/calendar';
import { DaibanError } from '../../core/errors';
import { canRateResult, RATING_LEVEL_NAMES, RATING_STAGE_NAMES, reasonsFitLevel, type RatingLevel } from '../../core/ratings/model';
import { summariseLevels } from '../../core/ratings/stats';
import type { RatingFollowedUp, ServiceRated } from '../../core/sync/messages';
import {
  findApplication,
  findDivisionName,
  findRating,
  followUpCounts,
  insertRating,
  listFollowUps,
  ratingLevelCounts,
  ratingsOfApplication,
  recordFollowUpStep,
  type RatingGroupBy,
} from '../../db';
import type { StationContext } from '../context';
import { recordChange } from '../runtime/record-change';
import { INTAKE_ROLES, LEDGER_ROLES, REVIEW_ROLES, requireUser } from '../runtime/guard';
import type { Handlers } from '../runtime/handler-type';
import { isReviewTerminal, requireTownshipTerminal } from '../runtime/terminal-role';
import { ledgerPeriod } from '../stats/ledger';
import { loadResident } from '../residents/handlers';
import type { RatingDesk } from './desk';
import { nextStep, ratingRowOf, stepName, toFollowUpView, toRatingView } from './views';

const FOLLOW_UP_LIMIT = 500;

/**
 * The resident's rating, taken on the village terminal at the counter (一次一评): the row, its event, the
 * `service.rated` message and the audit entry in one transaction. A 差评's follow-up starts on the platform,
 * which sets its deadlines; the township terminal hears of it down the feed.
 */
function submit(ctx: StationContext, input: StationParsedInput<'ratings.submit'>): RatingView {
  const user = requireUser(ctx, INTAKE_ROLES);
  if (isReviewTerminal(ctx.db)) throw new DaibanError('FORBIDDEN', '好差评由群众在村代办点办事时当场评价，乡镇和县级终端负责差评的回访和整改。');
  const app = findApplication(ctx.db, input.applicationId);
  if (!app || !app.receiptNo || !app.submittedAt) throw new DaibanError('NOT_FOUND', '找不到这件已受理的申请，无法评价。');
  const stageName = RATING_STAGE_NAMES[input.stage];
  if (input.stage === 'result' && !canRateResult(app.status)) {
    throw new DaibanError('ILLEGAL_TRANSITION', '这件申请还没有办理结果，办结后才能做办结评价。');
  }
  if (!reasonsFitLevel(input.level, input.reasons)) {
    throw new DaibanError('INVALID_INPUT', '所选原因与评价等级不符，请重新选择。', { fields: { reasons: '所选原因与评价等级不符' } });
  }
  const earlier = ratingsOfApplication(ctx.db, app.id).find((r) => r.stage === input.stage);
  if (earlier) {
    throw new DaibanError('ALREADY_RATED', `这件申请的${stageName}已经做过了（${RATING_LEVEL_NAMES[earlier.level as RatingLevel]}），每个环节只评价一次。`);
  }
  const at = ctx.clock.now().toISOString();
  const point = ctx.servicePoint();
  const id = uuidv7();
  const messageId = uuidv7();
  const body: ServiceRated = {
    ratingId: id,
    applicationId: app.id,
    receiptNo: app.receiptNo,
    itemCode: app.itemCode,
    divisionCode: point.divisionCode,
    stage: input.stage,
    level: input.level,
    reasons: input.reasons,
    comment: input.comment,
    ratedAt: at,
    cadre: { id: user.id, name: user.displayName },
  };
  ctx.db.transaction(() => {
    if (!insertRating(ctx.db, ratingRowOf(body, { messageId })))
      throw new DaibanError('ALREADY_RATED', `这件申请的${stageName}已经做过了，每个环节只评价一次。`);
    recordChange(ctx, {
      at,
      actorId: user.id,
      event: { applicationId: app.id, type: 'rated', fromStatus: null, toStatus: null, note: `${stageName}：${RATING_LEVEL_NAMES[input.level]}` },
      outbox: { kind: 'service.rated', body, id: messageId },
      audit: { action: 'service_rated', entityType: 'application', entityId: app.id, detail: { stage: input.stage, level: input.level } },
    });
  })();
  return toRatingView(findRating(ctx.db, id)!);
}

/** One step of a 差评's follow-up, recorded on the township terminal and sent up; the first record of a step stands. */
function followUp(ctx: StationContext, input: StationParsedInput<'ratings.followUp'>) {
  const user = requireUser(ctx, REVIEW_ROLES);
  requireTownshipTerminal(ctx.db, '差评的回访和整改');
  const r = findRating(ctx.db, input.ratingId);
  if (!r || r.rectifyDue === null) throw new DaibanError('NOT_FOUND', '找不到这条差评，无法登记回访或整改。');
  const next = nextStep(r);
  if (next !== input.step) {
    const why = next === null ? '这条差评的回访和整改都已登记' : `请先登记${stepName(next)}`;
    throw new DaibanError('ILLEGAL_TRANSITION', `${why}，不能再登记${stepName(input.step)}。`);
  }
  const at = ctx.clock.now().toISOString();
  const messageId = uuidv7();
  const body: RatingFollowedUp = {
    ratingId: r.id,
    divisionCode: r.villageCode,
    step: input.step,
    note: input.note,
    at,
    by: { id: user.id, name: user.displayName },
  };
  ctx.db.transaction(() => {
    recordFollowUpStep(ctx.db, r.id, input.step, { at, note: input.note, byName: user.displayName, messageId });
    recordChange(ctx, {
      at,
      actorId: user.id,
      outbox: { kind: 'rating.followed_up', body, id: messageId },
      audit: { action: 'rating_followed_up', entityType: 'rating', entityId: r.id, detail: { step: input.step, applicationId: r.applicationId } },
    });
  })();
  return toFollowUpView(ctx, findRating(ctx.db, r.id)!, shanghaiDate(at));
}

/** Counts per group and level (db ratingLevelCounts) as named summaries, the most rated first. */
function groups(ctx: StationContext, by: RatingGroupBy, rows: ReturnType<typeof ratingLevelCounts>): SatisfactionGroupView[] {
  const keys = [...new Set(rows.map((r) => r.key))];
  const nameOf = (key: string): string => {
    if (by === 'village') return findDivisionName(ctx.db, key) ?? key;
    if (by === 'item') return ctx.catalog.itemName(key);
    return rows.find((r) => r.key === key)?.name ?? key;
  };
  return keys
    .map((key) => ({ key, name: nameOf(key), ...summariseLevels(rows.filter((r) => r.key === key)) }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The application a rating may be asked for, with what the resident's screen shows. */
function askable(ctx: StationContext, input: StationParsedInput<'ratings.ask'>) {
  requireUser(ctx, INTAKE_ROLES);
  const app = findApplication(ctx.db, input.applicationId);
  if (!app || !app.receiptNo) throw new DaibanError('NOT_FOUND', '找不到这件已受理的申请，无法请群众评价。');
  return {
    applicationId: app.id,
    stage: input.stage,
    stageName: RATING_STAGE_NAMES[input.stage],
    residentName: loadResident(ctx, app.residentId).name,
    itemName: ctx.catalog.itemName(app.itemCode),
    servicePointName: ctx.servicePoint().name,
    askedAt: ctx.clock.now().toISOString(),
  };
}

export const ratingHandlers = (desk: RatingDesk): Handlers<keyof RatingOutputs> => ({
  'ratings.submit': (ctx, input) => {
    const rating = submit(ctx, input);
    desk.done(rating.applicationId, rating.stage, rating);
    return rating;
  },
  'ratings.ask': (ctx, input) => desk.ask(askable(ctx, input), requireUser(ctx).id),
  // The resident's screen asks every few seconds: it shows the request of the cadre logged in now, nothing while
  // nobody is (or the screen is locked).
  'ratings.asked': (ctx) => desk.asked(ctx.session.user && !ctx.session.locked ? ctx.session.user.id : null),
  'ratings.dismiss': (ctx) => {
    const user = requireUser(ctx, INTAKE_ROLES);
    const request = desk.pending(user.id);
    if (request) desk.done(request.applicationId, request.stage, null);
    return {};
  },
  'ratings.ofApplication': (ctx, input) => {
    requireUser(ctx, LEDGER_ROLES);
    return ratingsOfApplication(ctx.db, input.applicationId).map(toRatingView);
  },
  'ratings.followUps': (ctx, input) => {
    requireUser(ctx, LEDGER_ROLES);
    if (!isReviewTerminal(ctx.db)) return [];
    const today = shanghaiDate(ctx.clock.now());
    return listFollowUps(ctx.db, { open: input.state === 'open', limit: FOLLOW_UP_LIMIT }).map((r) => toFollowUpView(ctx, r, today));
  },
  'ratings.followUp': followUp,
  // Figures name no resident: IT staff may read them too.
  'ratings.stats': (ctx, input) => {
    requireUser(ctx);
    const { from, to } = ledgerPeriod(ctx, input);
    const review = isReviewTerminal(ctx.db);
    const count = (by: RatingGroupBy) => ratingLevelCounts(ctx.db, by, from, to);
    // Every rating is in exactly one item group: the overall figures are the sum of those.
    const byItem = count('item');
    return {
      from,
      to,
      overall: summariseLevels(byItem),
      byVillage: review ? groups(ctx, 'village', count('village')) : [],
      byItem: groups(ctx, 'item', byItem),
      byCadre: groups(ctx, 'cadre', count('cadre')),
      followUps: followUpCounts(ctx.db, from, to, shanghaiDate(ctx.clock.now())),
    };
  },
});

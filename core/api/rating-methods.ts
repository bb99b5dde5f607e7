import { z } from 'zod';
import { isValidDate } from '../calendar';
import {
  FOLLOW_UP_STEPS,
  RATING_STAGES,
  ratingLevelSchema,
  ratingReasonsSchema,
  type FollowUpStep,
  type RatingLevel,
  type RatingStage,
} from '../ratings/model';
import type { SatisfactionSummary } from '../ratings/stats';
import { textField } from '../text';

const day = z.string().refine(isValidDate, '日期应为如2026-12-01的有效日期');

/** 好差评 (station/ratings, docs/ratings.md): the resident's rating at the counter, the 差评 follow-up, the figures. */
export const ratingMethods = {
  /** The resident's rating of one application at one stage (village, cadre or admin); once per stage. */
  'ratings.submit': z
    .object({
      applicationId: z.string().min(1).max(64),
      stage: z.enum(RATING_STAGES),
      level: ratingLevelSchema,
      reasons: ratingReasonsSchema.default([]),
      comment: textField('评价意见', { max: 300, multiline: true }).nullable().default(null),
    })
    .strict(),
  /** The ratings of one application (village). */
  'ratings.ofApplication': z.object({ applicationId: z.string().min(1).max(64) }).strict(),
  /** 差评 of the villages below (township and county terminals): open ones first, by the nearest deadline. */
  'ratings.followUps': z.object({ state: z.enum(['open', 'all']).default('open') }).strict(),
  /** Records 回访核实 or 整改反馈 of a 差评 (township reviewer); goes up to the platform and the county. */
  'ratings.followUp': z
    .object({
      ratingId: z.string().min(1).max(64),
      step: z.enum(FOLLOW_UP_STEPS),
      note: textField('办理情况', { max: 500, multiline: true, min: { length: 2, message: '请写明回访或整改的情况' } }),
    })
    .strict(),
  /** Satisfaction by village, item and cadre over a period (Shanghai days; this year up to today by default). */
  'ratings.stats': z.object({ from: day.optional(), to: day.optional() }).strict(),
  /**
   * The cadre asks the resident to rate: the request shows on the resident's screen (评价屏: a second display,
   * or a small window) where one is open, while the cadre's dialog can take the rating too; the first wins.
   */
  'ratings.ask': z.object({ applicationId: z.string().min(1).max(64), stage: z.enum(RATING_STAGES) }).strict(),
  /** The resident's screen: the request waiting for the resident, if any (asking also says the screen is there). */
  'ratings.asked': z.object({}).strict(),
  /** The resident does not rate now: the request is withdrawn from the resident's screen. */
  'ratings.dismiss': z.object({}).strict(),
} satisfies Record<string, z.ZodType>;

/** What the resident's screen (评价屏) may call, on either transport: the request waiting for it, and the rating. */
export const PAD_METHODS: ReadonlySet<string> = new Set(['ratings.asked', 'ratings.submit']);

/** What the resident's screen shows while a rating is asked for. */
export interface RatingRequestView {
  applicationId: string;
  stage: RatingStage;
  stageName: string;
  residentName: string;
  itemName: string;
  servicePointName: string;
  askedAt: string;
}

export interface RatingView {
  id: string;
  applicationId: string;
  stage: RatingStage;
  stageName: string;
  level: RatingLevel;
  levelName: string;
  /** 差评 */
  poor: boolean;
  reasons: { code: string; name: string }[];
  comment: string | null;
  ratedAt: string;
  cadreName: string;
  /** A 差评's follow-up as the township recorded it (the village hears of it too); null until recorded. */
  revisit: FollowUpStepView | null;
  rectify: FollowUpStepView | null;
}

export interface FollowUpStepView {
  at: string;
  note: string;
  byName: string;
}

/** A 差评 as the township follows it up. */
export interface FollowUpView extends RatingView {
  receiptNo: string;
  villageCode: string;
  villageName: string;
  itemName: string;
  residentName: string;
  residentPhone: string | null;
  receivedAt: string;
  revisitDue: string;
  rectifyDue: string;
  /** The step whose deadline passed undone, if any. */
  overdue: FollowUpStep | null;
  /** The next step to do, null when both are done. */
  next: FollowUpStep | null;
  /** Recorded here and still waiting to go up. */
  unsent: boolean;
}

export interface SatisfactionGroupView extends SatisfactionSummary {
  key: string;
  name: string;
}

export interface RatingStatsView {
  from: string;
  to: string;
  overall: SatisfactionSummary;
  /** Township and county terminals: per village below. Empty on a village terminal. */
  byVillage: SatisfactionGroupView[];
  byItem: SatisfactionGroupView[];
  byCadre: SatisfactionGroupView[];
  /** 差评 follow-up over the same period (township and county terminals; zeros on a village). */
  followUps: { poor: number; revisited: number; rectified: number; overdue: number };
}

export interface RatingOutputs {
  'ratings.submit': RatingView;
  'ratings.ofApplication': RatingView[];
  'ratings.followUps': FollowUpView[];
  'ratings.followUp': FollowUpView;
  'ratings.stats': RatingStatsView;
  /** `padOpen`: a resident's screen asked for requests in the last few seconds. */
  'ratings.ask': { padOpen: boolean };
  'ratings.asked': RatingRequestView | null;
  'ratings.dismiss': Record<string, never>;
}

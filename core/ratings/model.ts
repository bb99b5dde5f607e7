import { z } from 'zod';
import type { WorkingCalendar } from '../calendar';

/**
 * 政务服务"好差评" at the counter (国办发〔2019〕51号; GB/T 39734-2020 "一次一评"; GB/T 39735-2020; docs/ratings.md).
 * Five levels, scored 5 (非常满意) to 1 (非常不满意); 不满意 and 非常不满意 are 差评, and every 差评 opens a
 * follow-up: 回访核实 and 整改反馈, each by a deadline in working days that the province sets (the national
 * opinion sets the loop and a 100 % rate for named 差评, not the days).
 */

export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const RATING_LEVEL_NAMES: Record<RatingLevel, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** 差评: 不满意 or 非常不满意. */
export function isPoorRating(level: number): boolean {
  return level <= 2;
}

/** 一次一评 at two moments of one application: when it is taken (受理) and when the result is told (办结). */
export const RATING_STAGES = ['receipt', 'result'] as const;
export type RatingStage = (typeof RATING_STAGES)[number];
export const RATING_STAGE_NAMES: Record<RatingStage, string> = { receipt: '受理评价', result: '办结评价' };

/** Decided, told, or closed: the result can be rated (办结评价), on the terminal, the platform and the screen. */
export function canRateResult(status: string): boolean {
  return status === 'approved' || status === 'rejected' || status === 'completed';
}

/** What a resident may tick, by side: praise for 好评, the problem for 差评 (the follow-up starts from it). */
export const GOOD_REASONS = {
  warm: '服务热情周到',
  fast: '办理快捷',
  once: '一次办好，没有多跑',
  clear: '告知清楚，材料要求明白',
  skilled: '业务熟练',
} as const;
export const POOR_REASONS = {
  attitude: '服务态度不好',
  slow: '办理时间太长',
  trips: '让群众多跑了路',
  unclear: '告知不清楚，材料要求不明白',
  materials: '材料要求过多或重复提交',
  unskilled: '工作人员业务不熟悉',
  fees: '收费不合理',
  other: '其他问题',
} as const;
export type RatingReason = keyof typeof GOOD_REASONS | keyof typeof POOR_REASONS;

/** The reasons a level may carry, code → name. */
export function reasonsFor(level: number): Record<string, string> {
  return isPoorRating(level) ? POOR_REASONS : GOOD_REASONS;
}

/** The name of a reason code, or the code itself when it is one a newer version added. */
export function reasonName(code: string): string {
  return (POOR_REASONS as Record<string, string>)[code] ?? (GOOD_REASONS as Record<string, string>)[code] ?? code;
}

const LEVEL_MESSAGE = '评价等级应为非常满意、满意、基本满意、不满意或非常不满意';
export const ratingLevelSchema = z
  .number({ error: LEVEL_MESSAGE })
  .int(LEVEL_MESSAGE)
  .min(1, LEVEL_MESSAGE)
  .max(5, LEVEL_MESSAGE)
  .transform((n) => n as RatingLevel);

/** Reasons: distinct, each one of its level's side (checked where the level is known). */
export const ratingReasonsSchema = z
  .array(z.string().min(1).max(20))
  .max(8)
  .refine((r) => new Set(r).size === r.length, '同一个原因选了两次');

export function reasonsFitLevel(level: number, reasons: readonly string[]): boolean {
  const allowed = reasonsFor(level);
  return reasons.every((r) => Object.hasOwn(allowed, r));
}

/** The follow-up steps of a 差评, in order. */
export const FOLLOW_UP_STEPS = ['revisit', 'rectify'] as const;
export type FollowUpStep = (typeof FOLLOW_UP_STEPS)[number];
export const FOLLOW_UP_STEP_NAMES: Record<FollowUpStep, string> = { revisit: '回访核实', rectify: '整改反馈' };

/** The province's deadlines for a 差评, in working days after the platform received it. */
export const ratingRulesSchema = z.object({
  revisitWorkingDays: z.number().int('回访核实的天数应为整数').min(0, '回访核实的天数不能为负').max(30, '回访核实最多30个工作日'),
  rectifyWorkingDays: z.number().int('整改反馈的天数应为整数').min(1, '整改反馈至少1个工作日').max(60, '整改反馈最多60个工作日'),
  /** Where the days come from, e.g. the province's 好差评 工作方案. */
  source: z.string().trim().min(2, '请写明时限的依据（如本省好差评工作方案的文号）').max(200, '依据最多200个字'),
});
export type RatingRules = z.infer<typeof ratingRulesSchema>;

/**
 * Until a province sets its own: 回访 on the next working day ("第一时间安排专人回访核实"), 整改反馈 within 15
 * working days (the figure Sichuan's implementation sets; Dezhou sets 5). docs/ratings.md.
 */
export const DEFAULT_RATING_RULES: RatingRules = {
  revisitWorkingDays: 1,
  rectifyWorkingDays: 15,
  source: 'Daiban 默认：回访核实1个工作日，整改反馈15个工作日（以本省好差评工作方案为准）',
};

export interface FollowUpDeadlines {
  revisitDue: string;
  rectifyDue: string;
}

/** A 差评's deadlines from the day ('YYYY-MM-DD', Shanghai) the platform received it. */
export function followUpDeadlines(calendar: WorkingCalendar, receivedOn: string, rules: RatingRules): FollowUpDeadlines {
  return {
    revisitDue: calendar.addWorkingDays(receivedOn, rules.revisitWorkingDays),
    rectifyDue: calendar.addWorkingDays(receivedOn, rules.rectifyWorkingDays),
  };
}

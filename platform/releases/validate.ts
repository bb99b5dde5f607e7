import { channelSchema, stagingSchema } from '../../core/admin/api';
import { describeIssue } from '../../core/refusal';
import { invalidInput } from '../errors';

/** Input checks shared by publish, staging and channel moves; refusals in Chinese for the command line. */

export function checkChannel(channel: string): string {
  const parsed = channelSchema.safeParse(channel);
  if (!parsed.success) throw invalidInput(`更新通道“${channel}”不正确：${parsed.error.issues[0] ? describeIssue(parsed.error.issues[0]) : ''}`);
  return parsed.data;
}

export function checkStaging(percentage: number, divisions: string[]): { percentage: number; divisions: string[] } {
  if (!Number.isInteger(percentage) || percentage < 1 || percentage > 100) {
    throw invalidInput('推送比例应为1到100之间的整数（百分比）');
  }
  const parsed = stagingSchema.safeParse({ percentage, divisions });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const index = issue?.path[0] === 'divisions' ? issue.path[1] : undefined;
    throw invalidInput(typeof index === 'number' ? `区划代码“${divisions[index]}”不正确：${describeIssue(issue!)}` : '限定区划最多50个');
  }
  return { percentage, divisions: [...new Set(parsed.data.divisions)] };
}

export const MAX_NOTES_LENGTH = 2000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

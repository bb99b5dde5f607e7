import { showRate } from '../../core/ratings/stats';
import type { RunningPlatform } from '../index';
import { invalidInput } from '../errors';
import { flag, type Flags } from './commands';
import { formatTable } from './table';

/** Lines for the command line's help (aligned like the others in platform/cli/main.ts). */
export const RATINGS_HELP = `  ratings rules [--revisit-days <n> --rectify-days <n> --source <依据>]
                                                    查看或设置差评回访核实、整改反馈的时限（工作日，docs/ratings.md）
  ratings summary --division <区划代码>               好差评：各村的评价数、好评率、差评及逾期未办的回访整改`;

type Out = (line: string) => void;

function days(flags: Flags, name: string): number {
  const n = Number(flag(flags, name));
  if (!Number.isInteger(n)) throw invalidInput(`--${name} 应为整数（工作日天数）`);
  return n;
}

/** `ratings …`: the province's 差评 deadlines and the county's figures (platform/ratings). */
export async function ratings(p: RunningPlatform, sub: string | undefined, flags: Flags, out: Out): Promise<void> {
  switch (sub) {
    case 'rules': {
      const setting = flags['revisit-days'] !== undefined || flags['rectify-days'] !== undefined;
      const r = setting
        ? await p.admin.setRatingRules({
            revisitWorkingDays: days(flags, 'revisit-days'),
            rectifyWorkingDays: days(flags, 'rectify-days'),
            source: flag(flags, 'source'),
          })
        : await p.admin.ratingRules();
      out(
        `${setting ? '已设置' : '当前'}差评办理时限：回访核实 ${r.revisitWorkingDays} 个工作日，整改反馈 ${r.rectifyWorkingDays} 个工作日（依据：${r.source}）。`,
      );
      if (setting) out('此后收到的差评按新时限计算，已收到的不变。');
      return;
    }
    case 'summary': {
      const rows = await p.admin.ratingSummary(flag(flags, 'division')!);
      if (rows.length === 0) return out('该区划下还没有评价。');
      out(
        formatTable(
          ['村', '评价数', '好评率', '平均分', '差评', '未整改', '逾期'],
          rows.map((r) => [
            r.name ?? r.divisionCode,
            String(r.total),
            showRate(r.goodRate),
            r.average?.toFixed(2) ?? '—',
            String(r.poor),
            String(r.open),
            String(r.overdue),
          ]),
        ),
      );
      return;
    }
    default:
      throw invalidInput('用法：ratings rules [--revisit-days <n> --rectify-days <n> --source <依据>] | ratings summary --division <区划代码>');
  }
}

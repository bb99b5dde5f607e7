import { maskedIdOfCode, RECEIPT_VERDICT_LABEL } from '../../core/receipt-code';
import { STATUS_LABEL, type ApplicationStatus } from '../../core/lifecycle';
import type { RunningPlatform } from '../index';
import { invalidInput } from '../errors';
import { checkReceiptCode } from '../receipts/check';
import { flag, type Flags } from './commands';

/** Lines for the command line's help (aligned like the others in platform/cli/main.ts). */
export const RECEIPT_HELP = `  receipt verify --code <扫码内容>                   核验回执或通知书二维码的签名（扫码枪读出的整段文字，含网址也可）`;

type Out = (line: string) => void;

/** `receipt verify`: the verdict first, then what the code says and what the platform holds under its number. */
export async function receipt(p: RunningPlatform, sub: string | undefined, flags: Flags, out: Out): Promise<number> {
  if (sub !== 'verify') throw invalidInput('用法：receipt verify --code <扫码内容>');
  const check = await checkReceiptCode(p.db, flag(flags, 'code')!);
  const c = check.code;
  out(`核验结果：${RECEIPT_VERDICT_LABEL[check.verdict]}`);
  out(`受理编号：${c.receiptNo}（事项编码 ${c.itemCode}，身份证号 ${maskedIdOfCode(c)}）`);
  out(
    `签发终端：${check.signer ? `${check.signer.servicePointName}（${String(c.signerNo).padStart(2, '0')}号终端）` : `${String(c.signerNo).padStart(2, '0')}号终端，平台没有该终端`}`,
  );
  const a = check.application;
  if (!a) out('平台上还没有这件申请（尚未同步，或编号不存在）。');
  else {
    out(`平台记录：${a.applicantName}（${a.idNumberMasked}），状态：${STATUS_LABEL[a.status as ApplicationStatus] ?? a.status}`);
    if (!a.matchesCode) out('注意：二维码中的事项或身份证号与平台记录不一致。');
  }
  return check.verdict === 'genuine' ? 0 : 3;
}

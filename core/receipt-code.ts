import { parseReceiptNo } from './receipt-number';

/**
 * The text of the QR code on a receipt and on the notices (issue #14): the receipt number, the item, the
 * applicant's masked ID number and the number of the terminal that signed, with that terminal's Ed25519
 * signature over them. A township terminal or the platform that knows the village terminals' public keys
 * can tell a genuine paper from a forged one offline; a copied code on a different paper gives itself away,
 * because the item and the ID digits it carries are shown beside the verdict.
 *
 *   DBR1:360781102201-20261123-01-0007:MZ-0001:360781*1234:01:<86 base64url characters>
 *
 * With a province's public progress page configured (catalog `receiptQueryUrl`), the same code rides in its
 * query, `https://…/progress?daiban=DBR1:…`, so a resident's phone opens the page and the page gets the
 * signed code; a reader here finds the code inside the URL. An unenrolled terminal has no key: its code
 * ends in an empty signature and is reported as unsigned, never as genuine. Building and reading are pure;
 * the signing and verifying live with the keys (station/, platform/, both through base/node/ed25519.ts).
 */
export interface ReceiptCodeFacts {
  receiptNo: string;
  itemCode: string;
  /** First six and last four characters of the ID number, e.g. 360781*1234. */
  idDigits: string;
  /** The number (01–99) of the village terminal that signed; it is of the receipt number's village. */
  signerNo: number;
}

export interface ReceiptCode extends ReceiptCodeFacts {
  /** Base64url of the 64-byte signature; empty when the terminal was not enrolled. */
  signature: string;
}

/**
 * What a check of a code concludes: the signature is the named terminal's; it is not; there is none (the
 * terminal was not enrolled when it printed); or the checker does not know the named terminal's key.
 */
export type ReceiptVerdict = 'genuine' | 'forged' | 'unsigned' | 'unknown_terminal';

export const RECEIPT_VERDICT_LABEL: Record<ReceiptVerdict, string> = {
  genuine: '真实：二维码由该村代办点的终端签发，内容未被改动',
  forged: '签名不符：二维码不是该终端签发的，或内容被改动过，回执可能是伪造的',
  unsigned: '无法核验：开具时该终端尚未注册到省级平台，二维码没有签名',
  unknown_terminal: '无法核验：没有找到签发二维码的终端；终端如是新注册的，请同步后再试，否则回执可能是伪造的',
};

const PREFIX = 'DBR1';
/** Scanner text longer than this is not a receipt code (a URL with the code fits in a third of it). */
export const RECEIPT_CODE_MAX_LENGTH = 600;
const CODE_RE = /DBR1:(\d{12}-\d{8}-\d{2}-\d{4}):([A-Z]{2,4}-\d{4}):(\d{6}\*[\dX]{4}):(\d{2}):([A-Za-z0-9_-]{86}|)(?![A-Za-z0-9_-])/;

/** The first six and last four characters of an ID number, as the code carries them. */
export function idDigitsOf(idNumber: string): string {
  const s = idNumber.trim().toUpperCase();
  return `${s.slice(0, 6)}*${s.slice(-4)}`;
}

/** The code's ID digits as the paper prints them: 360781********1234. */
export const maskedIdOfCode = (c: Pick<ReceiptCode, 'idDigits'>) => c.idDigits.replace('*', '********');

/** Whether an application held under the code's receipt number is the one the code names (item and ID digits). */
export function codeNamesApplication(c: Pick<ReceiptCode, 'itemCode' | 'idDigits'>, a: { itemCode: string; idNumber: string }): boolean {
  return a.itemCode === c.itemCode && idDigitsOf(a.idNumber) === c.idDigits;
}

/** The text the terminal signs: a fixed domain line, then each fact on its own line. */
export function receiptSealText(f: ReceiptCodeFacts): string {
  return ['daiban-receipt-v1', f.receiptNo, f.itemCode, f.idDigits, String(f.signerNo).padStart(2, '0')].join('\n');
}

/** The QR text: the bare code, or the code in the query of the province's progress page. */
export function formatReceiptCode(c: ReceiptCode, queryUrl?: string): string {
  const code = [PREFIX, c.receiptNo, c.itemCode, c.idDigits, String(c.signerNo).padStart(2, '0'), c.signature].join(':');
  if (!queryUrl) return code;
  return `${queryUrl}${queryUrl.includes('?') ? '&' : '?'}daiban=${code}`;
}

/**
 * Finds the code in what a scanner typed: bare, or inside a URL (percent-encoded or not). Null when there is
 * none, when the text is too long to be one, or when its receipt number names an impossible day or division.
 */
export function parseReceiptCode(text: string): ReceiptCode | null {
  if (typeof text !== 'string' || text.length > RECEIPT_CODE_MAX_LENGTH) return null;
  const m = CODE_RE.exec(text) ?? CODE_RE.exec(decodeQuery(text));
  if (!m) return null;
  const [, receiptNo, itemCode, idDigits, signer, signature] = m as unknown as [string, string, string, string, string, string];
  const parts = parseReceiptNo(receiptNo);
  const signerNo = Number(signer);
  if (!parts || signerNo < 1) return null;
  return { receiptNo, itemCode, idDigits, signerNo, signature };
}

function decodeQuery(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

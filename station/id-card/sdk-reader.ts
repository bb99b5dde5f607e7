import koffi from 'koffi';
import { DaibanError } from '../../core/errors';
import { statusText, SW3 } from '../../core/id-card/frames';
import { decodeTextBlock, TEXT_BLOCK_BYTES } from '../../core/id-card/text-block';
import type { IdCardReaderPort, IdCardReading } from './port';

/**
 * A reader through its vendor's SDK library on Windows (docs/devices.md): the general interface of the
 * public-security SDK every vendor ships as `sdtapi.dll` (华视, 神思, 精伦 … under their own names too), loaded
 * with koffi. Its functions answer the SAM module's status codes (0x90 done, 0x9F card found, 0x80 none); the
 * text block is the same 256 bytes the serial driver decodes. The photo comes as WLT, which only the vendor's
 * licensed `WltRS.dll` (`unpack`) turns into a BMP: used when configured.
 */
export interface SdtApi {
  SDT_OpenPort(port: number): Promise<number>;
  SDT_ClosePort(port: number): Promise<number>;
  SDT_StartFindIDCard(port: number, manaInfo: Buffer, ifOpen: number): Promise<number>;
  SDT_SelectIDCard(port: number, manaMsg: Buffer, ifOpen: number): Promise<number>;
  SDT_ReadBaseMsg(port: number, text: Buffer, textLength: number[], photo: Buffer, photoLength: number[], ifOpen: number): Promise<number>;
}

export interface WltApi {
  /** WLT (1,024 bytes) → BMP (102 × 126 × 24 bit, 38,862 bytes); 1 on success. */
  unpack(wlt: Buffer, bmp: Buffer, save: number): Promise<number>;
}

const PROTOTYPES = {
  SDT_OpenPort: 'int SDT_OpenPort(int iPort)',
  SDT_ClosePort: 'int SDT_ClosePort(int iPort)',
  SDT_StartFindIDCard: 'int SDT_StartFindIDCard(int iPort, _Inout_ uint8_t *pucManaInfo, int iIfOpen)',
  SDT_SelectIDCard: 'int SDT_SelectIDCard(int iPort, _Inout_ uint8_t *pucManaMsg, int iIfOpen)',
  SDT_ReadBaseMsg:
    'int SDT_ReadBaseMsg(int iPort, _Inout_ uint8_t *pucCHMsg, _Out_ uint32_t *puiCHMsgLen, _Inout_ uint8_t *pucPHMsg, _Out_ uint32_t *puiPHMsgLen, int iIfOpen)',
} as const;

/** Each call on koffi's worker threads (`.async`): a vendor library that takes a second never stops the station. */
function bind(lib: koffi.IKoffiLib, prototype: string, convention: string): (...args: unknown[]) => Promise<number> {
  // Windows' vendor DLLs are __stdcall; on x64 and elsewhere the qualifier is ignored.
  const fn = lib.func(prototype.replace(/^int /, `int ${convention} `));
  return (...args) => new Promise((resolve, reject) => fn.async(...args, (e: unknown, r: number) => (e ? reject(e as Error) : resolve(r))));
}

export function loadSdtApi(path: string): SdtApi {
  const lib = koffi.load(path);
  const convention = process.platform === 'win32' ? '__stdcall' : '';
  return Object.fromEntries(Object.entries(PROTOTYPES).map(([name, prototype]) => [name, bind(lib, prototype, convention)])) as unknown as SdtApi;
}

export function loadWltApi(path: string): WltApi {
  const lib = koffi.load(path);
  const convention = process.platform === 'win32' ? '__stdcall' : '';
  return { unpack: bind(lib, 'int unpack(_Inout_ uint8_t *src, _Inout_ uint8_t *dst, int bmpSave)', convention) as WltApi['unpack'] };
}

export interface SdkReaderOptions {
  api: SdtApi;
  wlt?: WltApi;
  /** 1001–1016 USB, 1–16 serial (the SDK's numbering). */
  port: number;
  /** A library that does not answer within this is reported (its call may still finish on its thread). */
  timeoutMs?: number;
  today(): string;
}

const UNAVAILABLE = '打不开身份证读卡器，请检查读卡器的连接线和驱动程序';
const NO_ANSWER = '读卡器没有应答，请检查读卡器的连接线后重新读卡';

export function createSdkIdCardReader(o: SdkReaderOptions): IdCardReaderPort {
  const timeout = o.timeoutMs ?? 5_000;
  const within = <T>(p: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new DaibanError('ID_CARD_READ_FAILED', NO_ANSWER)), timeout)));
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  };
  const session = async <T>(work: () => Promise<T>): Promise<T> => {
    const opened = await within(o.api.SDT_OpenPort(o.port)).catch(() => -1);
    if (opened !== SW3.ok) throw new DaibanError('ID_READER_UNAVAILABLE', UNAVAILABLE);
    try {
      return await work();
    } finally {
      await within(o.api.SDT_ClosePort(o.port)).catch(() => undefined);
    }
  };
  const find = async () => {
    const r = await within(o.api.SDT_StartFindIDCard(o.port, Buffer.alloc(8), 0));
    if (r === SW3.cardFound) return true;
    if (r === SW3.noCard) return false;
    throw new DaibanError('ID_CARD_READ_FAILED', statusText(r));
  };
  return {
    label: `身份证读卡器（厂商驱动，端口 ${o.port}）`,
    probe: () => session(async () => ((await find()) ? 'card' : 'ready')),
    read: () =>
      session(async (): Promise<IdCardReading> => {
        if (!(await find())) throw new DaibanError('ID_CARD_ABSENT', statusText(SW3.noCard));
        const selected = await within(o.api.SDT_SelectIDCard(o.port, Buffer.alloc(8), 0));
        if (selected !== SW3.ok) throw new DaibanError('ID_CARD_READ_FAILED', statusText(selected));
        const text = Buffer.alloc(TEXT_BLOCK_BYTES);
        const photo = Buffer.alloc(1024);
        const textLength = [0];
        const photoLength = [0];
        const r = await within(o.api.SDT_ReadBaseMsg(o.port, text, textLength, photo, photoLength, 0));
        if (r !== SW3.ok) throw new DaibanError('ID_CARD_READ_FAILED', statusText(r));
        const decoded = decodeTextBlock(text.subarray(0, Math.min(textLength[0]!, TEXT_BLOCK_BYTES)), o.today());
        if (!decoded.ok) throw new DaibanError('ID_CARD_READ_FAILED', `${decoded.reason}，请重新读卡`);
        let photoBmp: Uint8Array | null = null;
        if (o.wlt && photoLength[0] === 1024) {
          const bmp = Buffer.alloc(38_862);
          if ((await within(o.wlt.unpack(photo, bmp, 0))) === 1 && bmp.subarray(0, 2).toString('latin1') === 'BM') photoBmp = bmp;
        }
        return { card: decoded.card, photoBmp };
      }),
  };
}

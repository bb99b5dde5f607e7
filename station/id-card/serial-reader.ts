import { SerialPort } from 'serialport';
import { DaibanError } from '../../core/errors';
import { COMMANDS, commandFrame, FrameReader, statusText, SW3 } from '../../core/id-card/frames';
import { decodeTextBlock, TEXT_BLOCK_BYTES } from '../../core/id-card/text-block';
import type { IdCardReaderPort, IdCardReading } from './port';

export interface SerialReaderOptions {
  /** /dev/ttyUSB0, COM3 … */
  path: string;
  /** The SAM module's default is 115,200 bit/s (GA 467-2013 allows 9,600 to 115,200). */
  baudRate?: number;
  /** Per command; 读基本信息 is 1,295 bytes (0.11 s at 115,200 bit/s). Default 1.5 s, the read 3 s. */
  commandTimeoutMs?: number;
  /** YYYY-MM-DD for judging the validity period (the station's clock). */
  today(): string;
}

const UNPLUGGED = '未连接身份证读卡器，或读卡器被其他程序占用，请检查读卡器的连接线';
const NO_ANSWER = '读卡器没有应答，请检查读卡器的连接线后重新读卡';
const GARBLED = '读卡器返回的数据无法识别，请重新读卡；多次出现请联系县级运维人员';

type Answer = { sw3: number; data: Uint8Array };
type Waiting = { resolve(a: Answer): void; reject(e: DaibanError): void; garbled: boolean };

/** One open serial line: commands go out one at a time, each waiting for its one answer. */
class Line {
  private readonly frames = new FrameReader();
  private waiting: Waiting | null = null;

  constructor(private readonly port: SerialPort) {
    // Unplugged mid-command: the waiting command fails now, not at its timeout.
    const lost = () => {
      const w = this.waiting;
      this.waiting = null;
      w?.reject(new DaibanError('ID_READER_UNAVAILABLE', UNPLUGGED));
    };
    port.on('close', lost);
    port.on('error', lost);
    port.on('data', (chunk: Buffer) => {
      for (const p of this.frames.push(chunk)) {
        const w = this.waiting;
        if (!w) continue;
        if (p.kind === 'frame' && p.body.length >= 3) {
          this.waiting = null;
          w.resolve({ sw3: p.body[2]!, data: p.body.subarray(3) });
        } else {
          // Garbage or a frame with a bad checksum: the answer may still come; if not, the timeout says so.
          w.garbled = true;
        }
      }
    });
  }

  ask(command: readonly [number, number], timeoutMs: number): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const w: Waiting = {
        garbled: false,
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        if (this.waiting !== w) return;
        this.waiting = null;
        reject(new DaibanError('ID_CARD_READ_FAILED', w.garbled ? GARBLED : NO_ANSWER));
      }, timeoutMs);
      this.waiting = w;
      this.port.write(Buffer.from(commandFrame(command)), (e) => {
        if (e && this.waiting === w) {
          this.waiting = null;
          w.reject(new DaibanError('ID_READER_UNAVAILABLE', UNPLUGGED));
        }
      });
    });
  }
}

async function withPort<T>(o: SerialReaderOptions, work: (line: Line) => Promise<T>): Promise<T> {
  const port = new SerialPort({ path: o.path, baudRate: o.baudRate ?? 115_200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(new DaibanError('ID_READER_UNAVAILABLE', UNPLUGGED)) : resolve())));
  try {
    return await work(new Line(port));
  } finally {
    // Released whatever happened, so the next read (or another program) can open it.
    await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  }
}

/** A reader on a serial line speaking the SAM module's protocol (core/id-card/frames.ts). */
export function createSerialIdCardReader(o: SerialReaderOptions): IdCardReaderPort {
  const timeout = o.commandTimeoutMs ?? 1_500;
  const find = async (line: Line): Promise<boolean> => {
    const a = await line.ask(COMMANDS.findCard, timeout);
    if (a.sw3 === SW3.cardFound) return true;
    if (a.sw3 === SW3.noCard) return false;
    throw new DaibanError('ID_CARD_READ_FAILED', statusText(a.sw3));
  };
  return {
    label: `串口读卡器 ${o.path}`,
    probe: () => withPort(o, async (line) => ((await find(line)) ? 'card' : 'ready')),
    read: () =>
      withPort(o, async (line): Promise<IdCardReading> => {
        if (!(await find(line))) throw new DaibanError('ID_CARD_ABSENT', statusText(SW3.noCard));
        const selected = await line.ask(COMMANDS.selectCard, timeout);
        if (selected.sw3 !== SW3.ok) throw new DaibanError('ID_CARD_READ_FAILED', statusText(selected.sw3));
        const basic = await line.ask(COMMANDS.readBasic, timeout * 2);
        if (basic.sw3 !== SW3.ok) throw new DaibanError('ID_CARD_READ_FAILED', statusText(basic.sw3));
        // Text length and photo length (big-endian), then the text block and the photo.
        const textLength = ((basic.data[0] ?? 0) << 8) | (basic.data[1] ?? 0);
        if (textLength < TEXT_BLOCK_BYTES || basic.data.length < 4 + textLength) throw new DaibanError('ID_CARD_READ_FAILED', GARBLED);
        const decoded = decodeTextBlock(basic.data.subarray(4, 4 + textLength), o.today());
        if (!decoded.ok) throw new DaibanError('ID_CARD_READ_FAILED', `${decoded.reason}，请重新读卡`);
        return { card: decoded.card, photoBmp: null };
      }),
  };
}

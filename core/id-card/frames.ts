/**
 * The frames of the public-security SAM module's serial protocol (GA 467-2013 居民身份证验证安全控制模块接口技术
 * 规范; the readers' UART and USB-serial interface): a 5-byte preamble AA AA AA 96 69, a 2-byte big-endian length
 * of what follows, then CMD PARA [data] (to the module) or SW1 SW2 SW3 [data] (from it), and a checksum byte:
 * the XOR of every byte after the preamble. Pure: the driver and the simulator share it.
 */

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);

export const COMMANDS = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  /** 读基本信息: text (256 bytes) and photo (1,024 bytes, WLT-compressed). */
  readBasic: [0x30, 0x01],
} as const satisfies Record<string, readonly [number, number]>;

/** SW3 values the module answers (SW1 and SW2 are 0x00 in every answer this driver uses). */
export const SW3 = {
  ok: 0x90,
  cardFound: 0x9f,
  checksumError: 0x10,
  lengthError: 0x11,
  commandError: 0x21,
  unauthorised: 0x23,
  unknownError: 0x24,
  cardAuthFailed: 0x31,
  readerAuthFailed: 0x32,
  verifyFailed: 0x33,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  samSelfTestFailed: 0x60,
  samUnauthorised: 0x66,
  noCard: 0x80,
  selectFailed: 0x81,
  noContent: 0x91,
} as const;

/** The largest answer the module sends (text, photo and fingerprint: 2,321 bytes in all) with some room. */
export const MAX_FRAME_LENGTH = 4096;

const xor = (bytes: Uint8Array, from: number, to: number) => {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i]!;
  return x;
};

/** A frame around `body` (CMD PARA data, or SW1 SW2 SW3 data). */
export function frame(body: ArrayLike<number>): Uint8Array {
  const length = body.length + 1;
  const out = new Uint8Array(PREAMBLE.length + 2 + length);
  out.set(PREAMBLE, 0);
  out[5] = length >> 8;
  out[6] = length & 0xff;
  out.set(Array.from(body), 7);
  out[out.length - 1] = xor(out, 5, out.length - 1);
  return out;
}

export const commandFrame = (command: readonly [number, number], data: ArrayLike<number> = []) => frame([...command, ...Array.from(data)]);
export const answerFrame = (sw3: number, data: ArrayLike<number> = []) => frame([0x00, 0x00, sw3, ...Array.from(data)]);

export type Parsed = { kind: 'frame'; body: Uint8Array } | { kind: 'bad-checksum' } | { kind: 'garbage'; bytes: number };

/**
 * Collects bytes from a serial line and takes frames out of them. Bytes before a preamble are garbage (a
 * reader that resets mid-answer, line noise) and reported as such; a frame whose checksum fails is reported
 * and skipped; a length past MAX_FRAME_LENGTH is garbage too, so a stray preamble cannot make it wait forever.
 */
export class FrameReader {
  private buffer = new Uint8Array(0);

  push(chunk: Uint8Array): Parsed[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    const out: Parsed[] = [];
    for (;;) {
      const start = indexOfPreamble(this.buffer);
      if (start < 0) {
        // Keep a possible start of a preamble at the end; the rest is garbage.
        const keep = Math.min(this.buffer.length, PREAMBLE.length - 1);
        const dropped = this.buffer.length - keep;
        if (dropped > 0) out.push({ kind: 'garbage', bytes: dropped });
        this.buffer = this.buffer.slice(this.buffer.length - keep);
        return out;
      }
      if (start > 0) {
        out.push({ kind: 'garbage', bytes: start });
        this.buffer = this.buffer.slice(start);
      }
      if (this.buffer.length < 7) return out;
      const length = (this.buffer[5]! << 8) | this.buffer[6]!;
      if (length < 2 || length > MAX_FRAME_LENGTH) {
        out.push({ kind: 'garbage', bytes: PREAMBLE.length });
        this.buffer = this.buffer.slice(PREAMBLE.length);
        continue;
      }
      const total = 7 + length;
      if (this.buffer.length < total) return out;
      const check = xor(this.buffer, 5, total - 1);
      out.push(check === this.buffer[total - 1] ? { kind: 'frame', body: this.buffer.slice(7, total - 1) } : { kind: 'bad-checksum' });
      this.buffer = this.buffer.slice(total);
    }
  }
}

function indexOfPreamble(b: Uint8Array): number {
  outer: for (let i = 0; i + PREAMBLE.length <= b.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (b[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** What a status means to the cadre (Chinese), for the ones a counter meets; the rest say their code. */
export function statusText(sw3: number): string {
  switch (sw3) {
    case SW3.noCard:
      return '读卡器上没有身份证，请将身份证平放在读卡区';
    case SW3.selectFailed:
    case SW3.readFailed:
      return '读卡时身份证被移开或未放稳，请将身份证平放在读卡区后重新读卡';
    case SW3.checksumError:
      return '读卡器收到的指令校验有误，请重新读卡';
    case SW3.unknownCardType:
      return '无法识别这张卡，请放二代居民身份证';
    case SW3.samSelfTestFailed:
    case SW3.samUnauthorised:
      return '读卡器的安全模块异常，请联系县级运维人员';
    default:
      return `读卡器返回错误（代码 0x${sw3.toString(16).padStart(2, '0')}），请重新读卡`;
  }
}

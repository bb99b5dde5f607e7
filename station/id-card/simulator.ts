import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { answerFrame, COMMANDS, FrameReader, SW3 } from '../../core/id-card/frames';
import { encodeTextBlock } from '../../core/id-card/text-block';

/**
 * A simulated ID card reader (for tests and the demo): a SAM module on one end of a pseudo-terminal pair made by
 * socat, answering the same frames a real module does (core/id-card/frames.ts), so the serial driver is tested
 * as it runs at a counter. A card can be placed and removed, and the module told to misbehave.
 */
export type SimulatedCard = Parameters<typeof encodeTextBlock>[0];

/** checksum: every answer's checksum wrong; garbage: noise instead of answers; silent: no answer at all; remove-mid-read: the card leaves during 读基本信息. */
export type Misbehaviour = 'none' | 'checksum' | 'garbage' | 'silent' | 'remove-mid-read';

export interface SimulatedReader {
  /** The path a driver opens (a pty's link). */
  readonly path: string;
  place(card: SimulatedCard): void;
  remove(): void;
  misbehave(mode: Misbehaviour): void;
  /** Commands received, by name (寻找证/卡 … as `findCard` …). */
  readonly received: string[];
  /** Ends the line as an unplugged reader would. */
  close(): Promise<void>;
}

const PHOTO_BYTES = 1024;
const NAMES = new Map(Object.entries(COMMANDS).map(([name, [cmd, para]]) => [(cmd << 8) | para, name]));

async function waitFor(paths: string[], deadline: number): Promise<void> {
  while (!paths.every((p) => existsSync(p))) {
    if (Date.now() > deadline) throw new Error('socat did not create the pseudo-terminals');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startSimulatedReader(): Promise<SimulatedReader> {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-idcard-'));
  const reader = join(dir, 'reader');
  const device = join(dir, 'device');
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${reader}`, `pty,raw,echo=0,link=${device}`], { stdio: 'ignore' });
  await waitFor([reader, device], Date.now() + 5_000);
  const port = new SerialPort({ path: device, baudRate: 115_200, autoOpen: false, lock: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));

  let card: SimulatedCard | null = null;
  let mode: Misbehaviour = 'none';
  const received: string[] = [];
  const frames = new FrameReader();
  const send = (bytes: Uint8Array) => {
    if (mode === 'silent') return;
    if (mode === 'garbage') return void port.write(randomBytes(bytes.length));
    const out = Buffer.from(bytes);
    if (mode === 'checksum') out[out.length - 1]! ^= 0x5a;
    port.write(out);
  };
  const answer = (command: number): Uint8Array => {
    switch (command) {
      case (COMMANDS.findCard[0] << 8) | COMMANDS.findCard[1]:
        return card ? answerFrame(SW3.cardFound, [0, 0, 0, 0]) : answerFrame(SW3.noCard);
      case (COMMANDS.selectCard[0] << 8) | COMMANDS.selectCard[1]:
        return card ? answerFrame(SW3.ok, new Uint8Array(8)) : answerFrame(SW3.selectFailed);
      case (COMMANDS.readBasic[0] << 8) | COMMANDS.readBasic[1]: {
        if (!card || mode === 'remove-mid-read') {
          card = null;
          return answerFrame(SW3.readFailed);
        }
        const text = encodeTextBlock(card);
        return answerFrame(SW3.ok, [text.length >> 8, text.length & 0xff, PHOTO_BYTES >> 8, PHOTO_BYTES & 0xff, ...text, ...new Uint8Array(PHOTO_BYTES)]);
      }
      case (COMMANDS.samStatus[0] << 8) | COMMANDS.samStatus[1]:
        return answerFrame(SW3.ok);
      default:
        return answerFrame(SW3.commandError);
    }
  };
  port.on('data', (chunk: Buffer) => {
    for (const p of frames.push(chunk)) {
      if (p.kind === 'bad-checksum') send(answerFrame(SW3.checksumError));
      if (p.kind !== 'frame' || p.body.length < 2) continue;
      const command = (p.body[0]! << 8) | p.body[1]!;
      received.push(NAMES.get(command) ?? `0x${command.toString(16)}`);
      send(answer(command));
    }
  });

  let closed: Promise<void> | null = null;
  return {
    path: reader,
    received,
    place: (c) => void (card = c),
    remove: () => void (card = null),
    misbehave: (m) => void (mode = m),
    close: () =>
      (closed ??= (async () => {
        await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
        socat.kill('SIGTERM');
        await new Promise((r) => (socat.exitCode !== null ? r(null) : socat.once('exit', r)));
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
}

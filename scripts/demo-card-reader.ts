import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { shanghaiDate } from '../core/calendar';
import type { IdCardServiceOptions } from '../station/id-card/service';
import { createSerialIdCardReader } from '../station/id-card/serial-reader';
import { startSimulatedReader, type SimulatedCard, type SimulatedReader } from '../station/id-card/simulator';

/**
 * The demo's ID card reader: the simulated SAM module on a pseudo-terminal (socat), read by the real serial
 * driver. Enter in the `npm start` window places a card and takes it away, in turn a registered resident of
 * the demo household and someone new, so a newcomer sees both the lookup and the prefilled registration.
 */
const CARDS: SimulatedCard[] = [
  {
    name: '钟桂香',
    gender: 'female',
    ethnicityCode: '01',
    birth: '19580822',
    address: '江西省瑞金市叶坪乡华屋村3组12号',
    idNumber: '360781195808220622',
    authority: '瑞金市公安局',
    validFrom: '20160301',
    validUntil: '长期',
  },
  {
    name: '谢春兰',
    gender: 'female',
    ethnicityCode: '22',
    birth: '19630415',
    address: '江西省瑞金市叶坪乡华屋村5组21号',
    idNumber: '360781196304150047',
    authority: '瑞金市公安局',
    validFrom: '20130601',
    validUntil: '20330601',
  },
];

export interface DemoCardReader {
  options: IdCardServiceOptions;
  /** What the banner says about it. */
  hint: string;
  close(): Promise<void>;
}

/** Null without socat (the reader then shows as 无读卡器). */
export async function startDemoCardReader(): Promise<DemoCardReader | null> {
  if (spawnSync('socat', ['-V'], { stdio: 'ignore' }).status !== 0) return null;
  const sim: SimulatedReader = await startSimulatedReader();
  let next = 0;
  let placed = false;
  const input = process.stdin.isTTY ? createInterface({ input: process.stdin }) : null;
  input?.on('line', () => {
    if (placed) {
      sim.remove();
      console.log('模拟读卡器：身份证已拿走。');
    } else {
      const card = CARDS[next++ % CARDS.length]!;
      sim.place(card);
      console.log(`模拟读卡器：已放上 ${card.name} 的身份证（${next % 2 === 1 ? '已登记的居民' : '未登记的新居民'}）。`);
    }
    placed = !placed;
  });
  return {
    options: { reader: createSerialIdCardReader({ path: sim.path, today: () => shanghaiDate(new Date()) }) },
    hint: input
      ? '  模拟身份证读卡器：在本窗口按回车放上或拿走一张身份证（轮流：已登记的钟桂香、未登记的谢春兰），“受理新申请”页会自动读卡'
      : '  模拟身份证读卡器已连接（非交互终端，无法放卡）',
    close: async () => {
      input?.close();
      await sim.close();
    },
  };
}

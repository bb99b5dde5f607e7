import { randomBytes } from 'node:crypto';
import type { RunningPlatform } from '../platform';
import { startSimulatedProvince, type SimulatedProvince } from '../platform/gateway/simulated-province';

/**
 * The demo's province-wide 一体化政务服务平台: the simulated one (platform/gateway/simulated-province.ts) behind a
 * gateway connector of the demo platform, so each application the village sends is handed over once and the
 * window says so (receipt number and item only: the record's personal fields stay off the console).
 */
export interface DemoProvince {
  hint: string;
  close(): Promise<void>;
}

export async function startDemoProvince(platform: RunningPlatform): Promise<DemoProvince> {
  const secret = randomBytes(24).toString('base64url');
  const province: SimulatedProvince = await startSimulatedProvince(secret, {
    onRecord: (r) => console.log(`模拟省一体化政务服务平台：收到办件 ${String(r.receiptNo)}（${String(r.itemName)}），平台办件编号 ${String(r._id)}`),
  });
  // The connector is data in the platform's database: each start points it at this run's simulated system.
  await platform.gateway.setConnector({ name: 'demo-province', url: province.url, secret, divisions: ['360781'] });
  // The demo's first run seeds applications before this connector exists: they are handed over too, once.
  await platform.gateway.backfill('demo-province');
  return {
    hint: `省一体化政务服务平台（模拟）：村里上报的每件申请经对接接口交出一次，本窗口会显示；npm run platform -- gateway status 查看（docs/gateway.md）`,
    close: () => province.close(),
  };
}

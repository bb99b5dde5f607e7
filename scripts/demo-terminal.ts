import { join } from 'node:path';
import type { Logger } from 'pino';
import { loadOrCreateKeyFile } from '../station/runtime/key-file';
import { createStation, type Station } from '../station/station';
import { provisionDemoIfNeeded } from '../station/setup/demo-data';

export { DEMO_ADMIN, DEMO_CADRE, DEMO_SERVICE_POINT } from '../station/setup/demo-data';

export interface DemoTerminal {
  station: Station;
  dataDir: string;
  keyFile: string;
  /** True when this call provisioned the store (first run, or a new seed catalog). */
  provisioned: boolean;
}

/**
 * Opens (creating on first run) the demo terminal in `dataDir` with its key in a plain file beside the store,
 * which loadOrCreateKeyFile warns about: this is for `npm start` without Electron and for end-to-end tests.
 */
export async function openDemoTerminal(dataDir: string, o: { log?: Logger; warn?: (msg: string) => void } = {}): Promise<DemoTerminal> {
  const keyFile = join(dataDir, 'daiban.key');
  const key = loadOrCreateKeyFile(keyFile, o.warn);
  const station = createStation({ dataDir, key, log: o.log });
  try {
    const provisioned = await provisionDemoIfNeeded(station);
    return { station, dataDir, keyFile, provisioned };
  } catch (e) {
    station.close();
    throw e;
  }
}

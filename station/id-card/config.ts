import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { shanghaiDate } from '../../core/calendar';
import type { IdCardReaderPort } from './port';
import { createSdkIdCardReader, loadSdtApi, loadWltApi } from './sdk-reader';
import { createSerialIdCardReader } from './serial-reader';

/**
 * Which reader a terminal has, as county IT installs it: `id-card.json` beside the store (docs/devices.md).
 *   {"kind": "serial", "path": "COM3"}                       a SAM module on a serial line (or USB-serial)
 *   {"kind": "sdk", "library": "C:\\Reader\\sdtapi.dll", "port": 1001, "photoLibrary": "C:\\Reader\\WltRS.dll"}
 * No file: no reader (the top bar says 无读卡器; ID numbers are typed).
 */
export const idCardConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('serial'), path: z.string().min(1).max(200), baudRate: z.number().int().min(9_600).max(115_200).optional() }),
  z.object({
    kind: z.literal('sdk'),
    library: z.string().min(1).max(500),
    port: z.number().int().min(1).max(9_999),
    photoLibrary: z.string().min(1).max(500).optional(),
  }),
]);
export type IdCardConfig = z.infer<typeof idCardConfigSchema>;

export const ID_CARD_CONFIG_FILE = 'id-card.json';

const today = () => shanghaiDate(new Date());

export function readerFromConfig(config: IdCardConfig): IdCardReaderPort {
  if (config.kind === 'serial') return createSerialIdCardReader({ path: config.path, baudRate: config.baudRate, today });
  return createSdkIdCardReader({
    api: loadSdtApi(config.library),
    wlt: config.photoLibrary ? loadWltApi(config.photoLibrary) : undefined,
    port: config.port,
    today,
  });
}

/** The reader `file` describes, null without one; a file that cannot be used is said (in Chinese) through `warn`, and the terminal runs without a reader. */
export function readerFromConfigFile(file: string, warn: (message: string) => void): IdCardReaderPort | null {
  if (!existsSync(file)) return null;
  try {
    return readerFromConfig(idCardConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8'))));
  } catch (e) {
    warn(`身份证读卡器配置 ${file} 无法使用（${(e as Error).message.slice(0, 200)}），本机按无读卡器运行`);
    return null;
  }
}

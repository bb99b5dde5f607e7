import { z } from 'zod';
import type { IdCardText } from '../id-card/text-block';
import type { ResidentSummary } from './views';

/** The ID card reader at the counter (station/id-card): its state, and one read. */
export const idCardMethods = {
  /** Open to everyone logged in: the top bar shows it. */
  'idCard.status': z.object({}).strict(),
  /**
   * Reads the card on the reader (cadre or admin): its fields, what to look at (expired, a wrong check digit),
   * and the resident already registered with that number, if any. Audited (who, when, which resident); nothing
   * from the card is kept beyond what the resident record holds.
   */
  'idCard.read': z.object({}).strict(),
} satisfies Record<string, z.ZodType>;

/** none: no reader configured; ready: a reader, no card; card: a card lies on it; error: unplugged or garbled. */
export type IdCardReaderState = 'none' | 'ready' | 'card' | 'error';

export interface IdCardStatusView {
  state: IdCardReaderState;
  /** The reader as the cadre knows it ("串口读卡器 /dev/ttyUSB0"); null without one. */
  label: string | null;
  /** Why it is in error, in Chinese. */
  message: string | null;
}

export interface IdCardReadView {
  /** What the card says, by name (民族 as 汉族 …; `validUntil` null for 长期). */
  card: Omit<IdCardText, 'problems' | 'ethnicityCode'>;
  /** What the cadre should look at before using the card, in Chinese (expired, a check digit that fails). */
  warnings: string[];
  /** The resident registered with this ID number, if any. */
  resident: ResidentSummary | null;
}

export interface IdCardOutputs {
  'idCard.status': IdCardStatusView;
  'idCard.read': IdCardReadView;
}

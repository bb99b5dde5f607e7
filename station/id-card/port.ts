import type { IdCardText } from '../../core/id-card/text-block';

/**
 * The ID card reader port (like the printing port): station code reads a card through it and never knows
 * whether a serial SAM module (serial-reader.ts), a vendor's SDK library (sdk-reader.ts) or the simulated
 * reader on a pseudo-terminal (simulator.ts) answers. Every call ends within a bounded time and releases the
 * device; every failure is a DaibanError with a stable code and a Chinese message:
 * ID_READER_UNAVAILABLE (none configured, unplugged, busy), ID_CARD_ABSENT (no card on it),
 * ID_CARD_READ_FAILED (removed mid-read, garbage, a checksum error, no answer in time, a block that is not a card's).
 */
export interface IdCardReading {
  card: IdCardText;
  /** The photo as the vendor's library decodes it (BMP bytes); null from the serial driver (WLT is licensed). */
  photoBmp: Uint8Array | null;
}

export interface IdCardReaderPort {
  /** 'card' when a card lies on the reader now (寻找证/卡 only), 'ready' when none does. */
  probe(): Promise<'ready' | 'card'>;
  /** Finds, selects and reads the card on the reader. */
  read(): Promise<IdCardReading>;
  /** What the cadre sees for this reader in the top bar and the settings (e.g. "串口读卡器 /dev/ttyUSB0"). */
  readonly label: string;
}

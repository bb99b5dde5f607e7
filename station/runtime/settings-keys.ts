/** Keys of the settings table the station reads. */
export const SETTINGS = {
  servicePointName: 'station.servicePointName',
  divisionCode: 'station.divisionCode',
  terminalNo: 'station.terminalNo',
  /** Enrollment (station/sync/enroll.ts): set together, once. The store is encrypted, so the key may live here. */
  platformUrl: 'sync.platformUrl',
  terminalId: 'sync.terminalId',
  terminalRole: 'sync.role',
  privateKey: 'sync.privateKey',
  enrolledAt: 'sync.enrolledAt',
  /** The division's other terminals as the platform described them at enrollment (JSON, sync.recovery). */
  otherTerminals: 'sync.otherTerminals',
  /** The platform's transfer keys (JSON, core/transfer/manifest.ts platformKeysSchema): USB files, docs/transfer-files.md. */
  platformKeys: 'sync.platformKeys',
  /** The change feed's cursor, stored in the transaction that applies each page. */
  changesCursor: 'sync.changesCursor',
  /** Platform clock minus terminal clock (ms), learned from every response: village PCs' clocks drift. */
  serverOffsetMs: 'sync.serverOffsetMs',
  /** The audit chain up to here is on the platform (station/sync/push-audit.ts). */
  auditSentSeq: 'sync.auditSentSeq',
  lastSuccessAt: 'sync.lastSuccessAt',
  lastAttemptAt: 'sync.lastAttemptAt',
  lastError: 'sync.lastError',
  /** Minutes without a key or the mouse before the screen locks (set by the terminal's admin). */
  idleLockMinutes: 'station.idleLockMinutes',
  /** 适老化 (session.setDisplay): 'standard' | 'large' | 'xlarge', and '1' for high contrast. */
  fontSize: 'display.fontSize',
  /** + '.<document>' (receipt, handover, …): the printer that document last went to. */
  lastPrinter: 'printing.lastPrinter',
  highContrast: 'display.highContrast',
  /** A rollback to a backup or a downgrade refused, with the app version that wrote it (runtime/store-notice.ts). */
  storeNotice: 'station.storeNotice',
} as const;

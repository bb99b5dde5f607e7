import type { StationErrorBody } from '../core/api/station-api';

/** IPC channels between preload.ts and ipc.ts. */
export const CALL_CHANNEL = 'station:call';
export const EVENT_CHANNEL = 'station:event';

/**
 * What `station:call` resolves to. Electron's IPC keeps only the message of a thrown error, so refusals
 * travel as data and preload.ts turns them back into a rejection.
 */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: StationErrorBody };

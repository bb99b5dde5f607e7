import { heartbeatResponseSchema, type HeartbeatRequest, type HeartbeatResponse } from '../../core/sync/protocol';
import { auditHead, countByOutboxStatus, countPending, getSetting } from '../../db';
import { SETTINGS } from '../runtime/settings-keys';
import { readStoreNotice } from '../runtime/store-notice';
import type { SyncRun } from './run';
import { diskFigures } from '../../base/node/disk';

/** What IT staff watch on the fleet page: version, queue, refusals, last sync, disk, audit head, the store's notice. */
export async function sendHeartbeat(run: SyncRun, o: { appVersion: string; dataDir: string; lastSyncAt: string | null }): Promise<HeartbeatResponse> {
  const body: HeartbeatRequest = {
    appVersion: o.appVersion,
    queueDepth: countPending(run.db),
    invalidCount: countByOutboxStatus(run.db, 'invalid'),
    lastSyncAt: o.lastSyncAt ?? getSetting(run.db, SETTINGS.lastSuccessAt),
    freeDiskBytes: (await diskFigures(o.dataDir)).freeBytes,
    auditHead: auditHead(run.db),
    // The PC's own clock, not the platform-corrected one: the fleet view flags a clock that is off.
    deviceTime: run.clock.now().toISOString(),
  };
  // A rollback to a backup, or a downgrade refused: the fleet view flags the terminal while this version runs.
  const notice = readStoreNotice(run.db, o.appVersion);
  if (notice) body.storeNotice = notice;
  return run.client.json({ method: 'POST', path: '/v1/heartbeat', json: body }, heartbeatResponseSchema);
}

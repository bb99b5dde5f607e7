import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BackupKind } from '../../core/api/backup-methods';
import { backupsToDelete, RETENTION, type RetainedBackup } from '../../station/backup/retention';

const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n)).toISOString();
const b = (kind: BackupKind, n: number, verified = true): RetainedBackup => ({ id: `${kind}-${n}`, kind, createdAt: day(n), verified });

test('keeps the last 7 scheduled, 3 pre-migration, 10 manual, 3 pre-restore; deletes the oldest first', () => {
  const all = [
    ...Array.from({ length: 9 }, (_, i) => b('scheduled', i)),
    ...Array.from({ length: 5 }, (_, i) => b('pre-migration', i)),
    ...Array.from({ length: 12 }, (_, i) => b('manual', i)),
    ...Array.from({ length: 4 }, (_, i) => b('pre-restore', i)),
  ];
  assert.deepEqual(
    backupsToDelete(all).sort(),
    ['manual-0', 'manual-1', 'pre-migration-0', 'pre-migration-1', 'pre-restore-0', 'scheduled-0', 'scheduled-1'].sort(),
  );
  assert.deepEqual(RETENTION, { scheduled: 7, 'pre-migration': 3, manual: 10, 'pre-restore': 3 });
});

test('the result is oldest first', () => {
  const all = Array.from({ length: 10 }, (_, i) => b('scheduled', i));
  assert.deepEqual(backupsToDelete(all), ['scheduled-0', 'scheduled-1', 'scheduled-2']);
});

test('never deletes the newest verified backup, even beyond its kind’s limit', () => {
  // Only an old scheduled backup ever passed its check; the newer ones all failed.
  const all = [b('scheduled', 0, true), ...Array.from({ length: 8 }, (_, i) => b('scheduled', i + 1, false))];
  const doomed = backupsToDelete(all);
  assert.equal(doomed.includes('scheduled-0'), false);
  assert.deepEqual(doomed, ['scheduled-1']);
});

test('nothing is deleted while every kind is within its limit', () => {
  assert.deepEqual(backupsToDelete([b('manual', 0), b('scheduled', 1), b('pre-migration', 2)]), []);
  assert.deepEqual(backupsToDelete([]), []);
});

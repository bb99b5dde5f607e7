import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEMO_CADRE } from '../../station/setup/demo-data';
import { DEMO_REVIEWER, startDemoFleet } from '../../scripts/demo-fleet';
import { silentLog } from '../helpers/station';
import { submitApplication } from '../helpers/sync';

/** `npm start`'s demo: a platform and two enrolled terminals, built on first run and reused after. */
test('the demo fleet enrolls both terminals once, and an application travels from the village to the platform', { timeout: 120_000 }, async () => {
  const dataRoot = mkdtempSync(join(tmpdir(), 'daiban-fleet-'));
  const options = { log: silentLog, warn: () => undefined, syncIntervalMs: 3_600_000 };
  try {
    let fleet = await startDemoFleet(dataRoot, options);
    const first = (await fleet.platform.admin.listTerminals()).map((t) => [t.divisionCode, t.role]).sort();
    assert.deepEqual(first, [
      ['360781102000', 'township'],
      ['360781102201', 'village'],
    ]);

    const village = fleet.village!.station;
    await village.call('session.login', { username: DEMO_CADRE.username, password: DEMO_CADRE.password });
    const app = await submitApplication(village, 1);
    const status = await village.call('sync.now', {});
    assert.equal(status.pending, 0);
    assert.equal((await fleet.platform.admin.getApplication(app.id))?.receiptNo, app.receiptNo);
    const reviewer = await fleet.township.station.call('session.login', { username: DEMO_REVIEWER.username, password: DEMO_REVIEWER.password });
    assert.equal(reviewer.role, 'reviewer');
    await fleet.close();

    // The second start reuses the stores and the platform: no new terminals, the application still there.
    fleet = await startDemoFleet(dataRoot, options);
    assert.equal((await fleet.platform.admin.listTerminals()).length, 2);
    assert.equal(await fleet.platform.admin.applicationCount(), 1);
    await fleet.close();
  } finally {
    rmSync(dataRoot, { recursive: true, force: true });
  }
});

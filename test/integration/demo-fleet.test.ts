import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEMO_CADRE } from '../../station/setup/demo-data';
import { DEMO_COUNTY_REVIEWER, DEMO_REVIEWER, startDemoFleet } from '../../scripts/demo-fleet';
import { silentLog } from '../helpers/station';
import { submitApplication } from '../helpers/sync';

/** `npm start`'s demo: a platform and four enrolled terminals (two in the village), built on first run and reused after. */
test('the demo fleet enrolls its terminals once, and an application travels from the village to the platform', { timeout: 120_000 }, async () => {
  const dataRoot = mkdtempSync(join(tmpdir(), 'daiban-fleet-'));
  const options = { log: silentLog, warn: () => undefined, syncIntervalMs: 3_600_000 };
  let fleet: Awaited<ReturnType<typeof startDemoFleet>> | null = null;
  try {
    fleet = await startDemoFleet(dataRoot, options);
    const first = (await fleet.platform.admin.listTerminals()).map((t) => [t.divisionCode, t.role]).sort();
    assert.deepEqual(first, [
      ['360781000000', 'county'],
      ['360781102000', 'township'],
      ['360781102201', 'village'],
      ['360781102201', 'village'],
    ]);

    const village = fleet.village!.station;
    await village.call('session.login', { username: DEMO_CADRE.username, password: DEMO_CADRE.password });
    // The first run's review work: a batch of four 老年证 to approve, a 低保 in its notice, a 特困 for the county.
    const seeded = (await village.call('applications.list', { limit: 20 })).items.map((a) => `${a.residentName} ${a.itemName} ${a.status}`).sort();
    assert.deepEqual(
      seeded,
      [
        '刘德福 最低生活保障申请 publicizing',
        '刘秀英 老年人优待证办理 sent',
        '曾凡友 特困人员救助供养申请 county_review',
        '杨德胜 老年人优待证办理 sent',
        '钟桂香 老年人优待证办理 sent',
        '黄冬梅 老年人优待证办理 sent',
      ].sort(),
    );
    // The village's second PC, enrolled after the first one's work went up, holds the same applications and the household.
    const second = fleet.village2.station;
    await second.call('session.login', { username: DEMO_CADRE.username, password: DEMO_CADRE.password });
    assert.deepEqual((await second.call('applications.list', { limit: 20 })).items.map((a) => `${a.residentName} ${a.itemName} ${a.status}`).sort(), seeded);
    const liu = (await second.call('residents.search', { query: '刘德福', limit: 5 }))[0]!;
    assert.equal((await second.call('households.ofResident', { residentId: liu.id }))?.members.length, 4);
    const app = await submitApplication(village, 1);
    const status = await village.call('sync.now', {});
    assert.equal(status.pending, 0);
    assert.equal((await fleet.platform.admin.getApplication(app.id))?.receiptNo, app.receiptNo);
    const reviewer = await fleet.township.station.call('session.login', { username: DEMO_REVIEWER.username, password: DEMO_REVIEWER.password });
    assert.equal(reviewer.role, 'reviewer');
    // 好差评: three 受理评价 at the counter; 黄冬梅's 不满意 waits at the township for its 回访.
    const followUps = await fleet.township.station.call('ratings.followUps', {});
    assert.deepEqual(
      followUps.map((f) => [f.residentName, f.levelName, f.next]),
      [['黄冬梅', '不满意', 'revisit']],
    );
    assert.equal((await fleet.township.station.call('ratings.stats', {})).overall.total, 3);
    // The county terminal has its reviewer, and sees the village's application once it syncs.
    await fleet.county.station.call('session.login', { username: DEMO_COUNTY_REVIEWER.username, password: DEMO_COUNTY_REVIEWER.password });
    await fleet.county.station.call('sync.now', {});
    const countyList = (await fleet.county.station.call('review.list', {})).items;
    assert.deepEqual(
      countyList.filter((i) => i.id === app.id).map((i) => i.villageName),
      ['华屋村'],
    );
    assert.deepEqual(
      (await fleet.county.station.call('review.list', { status: ['county_review'] })).items.map((i) => i.residentName),
      ['曾凡友'],
    );
    await fleet.close();
    fleet = null;

    // The second start reuses the stores and the platform: no new terminals, the application still there.
    fleet = await startDemoFleet(dataRoot, options);
    assert.equal((await fleet.platform.admin.listTerminals()).length, 4);
    assert.equal(await fleet.platform.admin.applicationCount(), 7, 'the demo work is made once');
  } finally {
    // A failed assertion must not leave the stores and the platform open (the runner would wait on them).
    await fleet?.close();
    rmSync(dataRoot, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { after, before, describe, test } from 'node:test';
import { FLEET_FLAGS, FLEET_THRESHOLDS, type FleetReport, type FleetTerminalView } from '../../core/admin/api';
import { accountUpsertSchema } from '../../core/sync/changes';
import { changesResponseSchema, type HeartbeatRequest } from '../../core/sync/protocol';
import { startPlatform, type RunningPlatform } from '../../platform';
import { fleet as fleetCommand } from '../../platform/cli/fleet';
import { enrollTerminal, outboxBatch, outboxMessage, submittedBody, type TestTerminal } from '../helpers/platform';
import { enrolledStation, startTestPlatform } from '../helpers/sync';

/**
 * The fleet view: terminals enrolled and heartbeating over HTTP (PGlite), the platform's clock moved to make
 * one silent, every flag raised by what a terminal really reported, and the division filter.
 */

const GiB = 1024 ** 3;
const DAY = 24 * 3600_000;

const REFUSED = {
  kind: 'downgrade_refused' as const,
  message: '平台提供的 1.1.5 版只能打开第15版的数据，本机数据已是第16版，安装后将无法打开本机数据，已拒绝下载安装；本机继续使用当前版本。',
  at: '2026-11-27T01:00:00.000Z',
};

function heartbeatBody(o: Partial<HeartbeatRequest> & { skewMs?: number; now: Date }): HeartbeatRequest {
  const { skewMs, now, ...rest } = o;
  return {
    appVersion: '0.4.0',
    queueDepth: 2,
    invalidCount: 0,
    lastSyncAt: now.toISOString(),
    freeDiskBytes: 50 * GiB,
    auditHead: { seq: 10, hash: 'a'.repeat(64) },
    ...(skewMs === undefined ? {} : { deviceTime: new Date(now.getTime() + skewMs).toISOString() }),
    ...rest,
  };
}

function heartbeat(t: TestTerminal, o: Partial<HeartbeatRequest> & { skewMs?: number; now: Date }): Promise<void> {
  return t.request('POST', '/v1/heartbeat', { json: heartbeatBody(o) }).then((r) => assert.equal(r.status, 200, r.bytes.toString()));
}

describe('fleet view', () => {
  let platform: RunningPlatform;
  let now = new Date('2026-11-20T02:00:00.000Z');
  const clock = () => now;
  const t: Record<string, TestTerminal> = {};
  const byId = (report: FleetReport, name: string): FleetTerminalView => {
    const found = report.terminals.find((x) => x.id === t[name]!.terminalId);
    assert.ok(found, `${name} is in the report`);
    return found;
  };

  before(async () => {
    platform = await startPlatform({ log: false, now: clock });
    await platform.admin.publishCatalog(SEED_CATALOG);
    // Four days ago: one terminal that heartbeated then, one that never did.
    t.gone = await enrollTerminal(platform, { divisionCode: '360781102203', clock, name: '华屋村三组代办点' });
    t.never = await enrollTerminal(platform, { divisionCode: '360781102204', clock, name: '华屋村四组代办点' });
    await heartbeat(t.gone, { now, skewMs: 0 });
    now = new Date(now.getTime() + 4 * DAY);

    t.healthy = await enrollTerminal(platform, { divisionCode: '360781102201', clock, name: '华屋村代办点' });
    t.fast = await enrollTerminal(platform, { divisionCode: '360781102202', clock, name: '华屋村二组代办点' });
    t.slow = await enrollTerminal(platform, { divisionCode: '360781104201', clock, name: '沙洲坝村代办点' });
    t.township = await enrollTerminal(platform, { divisionCode: '360781102', role: 'township', clock, name: '叶坪乡便民服务中心' });
    t.old = await enrollTerminal(platform, { divisionCode: '360781104202', clock, name: '老版本代办点' });
    t.cut = await enrollTerminal(platform, { divisionCode: '360781104203', clock, name: '审计告警代办点' });
    t.off = await enrollTerminal(platform, { divisionCode: '360781104204', clock, name: '已停用代办点' });
    t.elsewhere = await enrollTerminal(platform, { divisionCode: '360782101201', clock, name: '南康区代办点' });

    await heartbeat(t.healthy, { now, skewMs: 800 });
    // Seven minutes fast and the disk nearly full; six minutes slow.
    await heartbeat(t.fast, { now, skewMs: 7 * 60_000, freeDiskBytes: 1 * GiB });
    // Six minutes slow, with a rollback it refused (docs/updates.md).
    await heartbeat(t.slow, { now, skewMs: -6 * 60_000, queueDepth: 40, invalidCount: 3, storeNotice: REFUSED });
    // Exactly at the thresholds: no flag (the flags are strictly beyond them).
    await heartbeat(t.township, { now, skewMs: -FLEET_THRESHOLDS.clockSkewMs, freeDiskBytes: FLEET_THRESHOLDS.diskLowBytes });
    // An older terminal: no deviceTime in its heartbeat.
    await heartbeat(t.old, { now, appVersion: '0.3.0' });
    // The audit head went back: entries were cut off its end.
    await heartbeat(t.cut, { now, skewMs: 0, auditHead: { seq: 10, hash: 'b'.repeat(64) } });
    await heartbeat(t.cut, { now, skewMs: 0, auditHead: { seq: 7, hash: 'c'.repeat(64) } });
    await heartbeat(t.elsewhere, { now, skewMs: 0 });
    // The same message id twice with different content: a conflict kept for someone to look at.
    const m = outboxMessage('application.submitted', submittedBody('360781104201'));
    const changed = outboxMessage('application.submitted', { ...submittedBody('360781104201'), receiptNo: 'x' }, m.id);
    for (const batch of [[m], [changed]]) {
      const r = await t.slow.request('POST', '/v1/outbox', { json: outboxBatch(batch) });
      assert.equal(r.status, 200, r.bytes.toString());
    }
    await heartbeat(t.off, { now, skewMs: 0 });
    await platform.admin.disableTerminal(t.off.terminalId);
  });
  after(() => platform?.close());

  test('every terminal with its report and the flags it earned', async () => {
    const report = await platform.fleet();
    assert.equal(report.generatedAt, now.toISOString());
    assert.equal(report.terminals.length, 10);
    const flags = (name: string) => byId(report, name).flags;
    assert.deepEqual(flags('healthy'), []);
    assert.deepEqual(flags('township'), []);
    assert.deepEqual(flags('gone'), ['silent']);
    assert.deepEqual(flags('never'), ['silent'], 'never heard from since enrollment four days ago');
    assert.deepEqual(flags('fast'), ['clock_skew', 'disk_low']);
    assert.deepEqual(flags('slow'), ['conflicts', 'clock_skew', 'store_version']);
    assert.deepEqual(byId(report, 'slow').storeNotice, REFUSED);
    assert.equal(byId(report, 'healthy').storeNotice, null);
    assert.deepEqual(flags('old'), []);
    assert.deepEqual(flags('cut'), ['audit_alert']);
    assert.deepEqual(flags('off'), ['disabled'], 'a disabled terminal is not also called silent');

    const fast = byId(report, 'fast');
    assert.equal(fast.clockSkewSeconds, 420);
    assert.equal(fast.freeDiskBytes, 1 * GiB);
    assert.equal(fast.channel, 'stable');
    assert.equal(fast.appVersion, '0.4.0');
    assert.equal(fast.lastHeartbeatAt, now.toISOString());
    assert.equal(fast.servicePointName, '华屋村二组代办点');
    const slow = byId(report, 'slow');
    assert.equal(slow.clockSkewSeconds, -360);
    assert.deepEqual([slow.queueDepth, slow.invalidCount, slow.conflicts], [40, 3, 1]);
    assert.equal(byId(report, 'healthy').clockSkewSeconds, 1);
    assert.equal(byId(report, 'old').clockSkewSeconds, null, 'an older terminal sends no device time');
    assert.equal(byId(report, 'old').appVersion, '0.3.0');
    const never = byId(report, 'never');
    assert.deepEqual([never.queueDepth, never.freeDiskBytes, never.lastSyncAt], [null, null, null]);
    assert.equal(byId(report, 'township').role, 'township');
    assert.equal(byId(report, 'gone').diagnosticsAt, null);
    assert.equal(byId(report, 'gone').diagnosticsRequestedAt, null);

    assert.deepEqual(report.flagCounts, { silent: 2, conflicts: 1, clock_skew: 2, disk_low: 1, audit_alert: 1, store_version: 1, disabled: 1 });
    assert.deepEqual(Object.keys(report.flagCounts).sort(), [...FLEET_FLAGS].sort());
  });

  test('a store notice that is not one: unknown kind, NUL, a lone surrogate, too long; 400 in Chinese, the last one kept', async () => {
    for (const storeNotice of [
      { ...REFUSED, kind: 'exploded' },
      { ...REFUSED, message: '拒绝\u0000' },
      { ...REFUSED, message: '拒绝\ud800' },
      { ...REFUSED, message: '很'.repeat(301) },
    ]) {
      const reply = await t.slow!.request('POST', '/v1/heartbeat', { json: { ...heartbeatBody({ now }), storeNotice } });
      assert.equal(reply.status, 400, JSON.stringify(storeNotice).slice(0, 80));
      assert.match(reply.json<{ message: string }>().message, /[\u4e00-\u9fff]/);
    }
    assert.deepEqual(byId(await platform.fleet(), 'slow').storeNotice, REFUSED);
  });

  test('silent goes away once the terminal is heard again; exactly three days is not yet silent', async () => {
    await heartbeat(t.gone!, { now, skewMs: 0 });
    const report = await platform.fleet();
    assert.deepEqual(byId(report, 'gone').flags, []);
    // Three days to the minute is not yet silent; a minute more is.
    now = new Date(now.getTime() + FLEET_THRESHOLDS.silentAfterMs);
    assert.ok(!(await platform.fleet()).terminals.find((x) => x.id === t.gone!.terminalId)!.flags.includes('silent'));
    now = new Date(now.getTime() + 60_000);
    assert.ok((await platform.fleet()).terminals.find((x) => x.id === t.gone!.terminalId)!.flags.includes('silent'));
    now = new Date(now.getTime() - FLEET_THRESHOLDS.silentAfterMs - 60_000);
  });

  test('a division narrows the fleet to the terminals inside it', async () => {
    const county = await platform.fleet({ division: '360781' });
    assert.equal(county.terminals.length, 9);
    assert.ok(county.terminals.every((x) => x.divisionCode.startsWith('360781')));
    assert.equal((await platform.fleet({ division: '3607' })).terminals.length, 10);
    assert.equal((await platform.fleet({ division: '360782' })).terminals.length, 1);
    const township = await platform.fleet({ division: '360781102' });
    assert.deepEqual(township.terminals.map((x) => x.divisionCode).sort(), ['360781102000', '360781102201', '360781102202', '360781102203', '360781102204']);
    assert.equal((await platform.fleet({ division: '110101' })).terminals.length, 0);
    await assert.rejects(platform.fleet({ division: '36078' }), /区划代码/);
    const flagged = await platform.fleet({ division: '360781', flaggedOnly: true });
    assert.ok(flagged.terminals.length > 0 && flagged.terminals.every((x) => x.flags.length > 0));
    // 'gone' was heard again in the test before: one silent terminal left.
    assert.equal(flagged.terminals.length, 5);
  });

  test('the fleet command prints the table and a flag summary in Chinese', async () => {
    const lines: string[] = [];
    await fleetCommand(platform, undefined, { flagged: true, division: '360781' }, (l) => lines.push(l));
    const text = lines.join('\n');
    const header = text.split('\n')[0]!;
    for (const column of ['终端', '服务点', '区划', '版本', '最近心跳', '待同步', '最近同步', '剩余磁盘', '时钟偏差', '标记'])
      assert.ok(header.includes(column), column);
    assert.match(text, new RegExp(`${t.fast!.terminalId}.*华屋村二组代办点.*360781102202.*0\\.4\\.0.*\\+7分0秒.*时钟偏差超过5分钟、磁盘空间不足2GB`));
    assert.match(text, /沙洲坝村代办点.*40（退回3）.*-6分0秒.*有数据冲突、时钟偏差超过5分钟、数据版本回退/);
    assert.match(text, /数据版本：沙洲坝村代办点（[0-9a-f-]{36}）平台提供的 1\.1\.5 版只能打开第15版的数据.*（2026-11-27 09:00）/);
    assert.match(text, /1\.0 GB/);
    assert.ok(!text.includes('南康区代办点'), 'outside the division');
    assert.ok(!text.includes('华屋村代办点 '), 'no flag: left out with --flagged');
    assert.match(text, /区划 360781 内共 5 台终端（时间为北京时间）。/);
    assert.match(
      text,
      /异常标记：失联超过3天 1 台；有数据冲突 1 台；时钟偏差超过5分钟 2 台；磁盘空间不足2GB 1 台；审计日志告警 1 台；数据版本回退 1 台；已停用 1 台。/,
    );

    const none: string[] = [];
    await fleetCommand(platform, undefined, { flagged: true, division: '110101' }, (l) => none.push(l));
    assert.deepEqual(none, ['区划 110101 内没有带异常标记的终端。']);
  });

  test('IT accounts come down the change feed to no terminal at all: IT staff log in online', async () => {
    await platform.admin.createAccount({ username: 'it_county', displayName: '县运维', role: 'it', divisionCode: '360781', password: 'Yunwei2026' });
    await platform.admin.createAccount({ username: 'it_province', displayName: '省运维', role: 'it', divisionCode: '36', password: 'Yunwei2026' });
    await assert.rejects(
      platform.admin.createAccount({ username: 'it_town', displayName: '乡运维', role: 'it', divisionCode: '360781102', password: 'Yunwei2026' }),
      /省、市或县级/,
    );
    const itAccounts = async (terminal: TestTerminal) => {
      const reply = await terminal.request('GET', '/v1/changes');
      assert.equal(reply.status, 200, reply.bytes.toString());
      return changesResponseSchema
        .parse(reply.json())
        .changes.filter((c) => c.kind === 'account.upsert')
        .map((c) => accountUpsertSchema.parse(c.body))
        .filter((a) => a.role === 'it')
        .map((a) => `${a.username}@${a.divisionCode}`)
        .sort();
    };
    // A stolen village (or township) PC must hold nothing that opens the county's admin API.
    for (const name of ['healthy', 'slow', 'township', 'elsewhere']) assert.deepEqual(await itAccounts(t[name]!), [], name);
  });
});

describe('fleet view with a real terminal', () => {
  test("the station's heartbeat carries its own clock: a PC ten minutes fast is flagged; the county's IT account logs in there", async () => {
    const platform = await startTestPlatform();
    await platform.admin.createAccount({ username: 'it_ruijin', displayName: '县运维', role: 'it', divisionCode: '360781', password: 'Yunwei2026' });
    const fast = { now: () => new Date(Date.now() + 10 * 60_000) };
    const s = await enrolledStation(platform, { clock: fast });
    try {
      // The county IT account logs in on the terminal online, against the platform.
      await s.station.call('session.logout', {});
      const user = await s.station.call('session.login', { username: 'it_ruijin', password: 'Yunwei2026', itStaff: true });
      assert.equal(user.role, 'it');

      const report = await platform.fleet();
      assert.equal(report.terminals.length, 1);
      const [row] = report.terminals;
      assert.ok(row!.clockSkewSeconds !== null && Math.abs(row!.clockSkewSeconds - 600) <= 2, String(row!.clockSkewSeconds));
      assert.ok(row!.flags.includes('clock_skew'));
      assert.ok(row!.freeDiskBytes !== null && row!.freeDiskBytes > 0);
      assert.equal(row!.queueDepth, 0);
      assert.ok(row!.lastHeartbeatAt);
    } finally {
      await s.cleanup();
      await platform.close();
    }
  });
});

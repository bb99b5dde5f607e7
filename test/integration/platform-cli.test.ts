import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SEED_CATALOG } from '../../core/catalog/seed';
import type { EnrollResponse } from '../../core/sync/protocol';
import { startPlatform } from '../../platform';
import { enrollRaw, makeIdentity } from '../helpers/platform';
import { freshStation, submitApplication } from '../helpers/sync';
import { exportToStick, importFromStick, scanPage } from '../helpers/transfer';

/** The IT command line as staff run it: a child process against a PGlite data directory. */

const dir = mkdtempSync(join(tmpdir(), 'daiban-platform-cli-'));
const dataDir = join(dir, 'platform');
after(() => rmSync(dir, { recursive: true, force: true }));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, DAIBAN_PLATFORM_DATA: dataDir };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'platform/cli/main.ts', ...args], { cwd: process.cwd(), env, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('enroll-code, account create, catalog publish --seed and terminals work against one data directory', async () => {
  const issued = await cli('enroll-code', '--division', '360781102201', '--role', 'village', '--name', '华屋村代办点');
  assert.equal(issued.code, 0, issued.stderr);
  const code = /注册码：([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(issued.stdout)?.[1];
  assert.ok(code, issued.stdout);
  assert.match(issued.stdout, /区划代码：360781102201（村级终端）/);

  const created = await cli('account', 'create', '--username', 'cadre01', '--name', '李春梅', '--role', 'cadre', '--division', '360781102201');
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, /已创建账号：cadre01（李春梅，代办员，区划 360781102201）/);
  const password = /初始密码：(\S+)（/.exec(created.stdout)?.[1];
  assert.ok(password && password.length === 14, created.stdout);

  const published = await cli('catalog', 'publish', '--seed');
  assert.equal(published.code, 0, published.stderr);
  assert.equal(published.stdout.trim(), `已发布事项目录 ${SEED_CATALOG.version}（${SEED_CATALOG.items.length} 个事项），终端将在下次同步时收到。`);

  // The data directory is in use by a running platform: the CLI says so instead of corrupting it.
  const platform = await startPlatform({ dataDir, log: false });
  let enrolled: EnrollResponse;
  try {
    const reply = await enrollRaw(platform, { code, publicKey: makeIdentity().publicKey, appVersion: '0.3.0' });
    assert.equal(reply.status, 200, reply.bytes.toString());
    enrolled = reply.json<EnrollResponse>();
    assert.deepEqual(
      (await platform.admin.listAccounts()).map((a) => [a.username, a.role, a.disabled]),
      [['cadre01', 'cadre', false]],
    );
    const busy = await cli('terminals');
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, /^错误：平台数据目录 .* 正被另一个进程（PID \d+）使用/);
  } finally {
    await platform.close();
  }

  const listed = await cli('terminals');
  assert.equal(listed.code, 0, listed.stderr);
  const lines = listed.stdout.trim().split('\n');
  assert.match(lines[0]!, /^终端ID\s+区划代码\s+角色\s+序号\s+服务点/);
  assert.equal(lines.length, 4); // header, rule, one terminal, total
  assert.match(lines[2]!, new RegExp(`^${enrolled.terminalId}\\s+360781102201\\s+村\\s+01\\s+华屋村代办点\\s+0\\.3\\.0`));
  assert.equal(lines[3], '共 1 台终端（时间为北京时间）。');
});

test('refusals are Chinese with exit code 1', async () => {
  const missing = await cli('account', 'disable', '--username', 'nobody');
  assert.deepEqual([missing.code, missing.stderr.trim()], [1, '错误：没有用户名为 nobody 的账号']);
  const unknownFlag = await cli('terminals', '--colour');
  assert.equal(unknownFlag.code, 1);
  assert.match(unknownFlag.stderr, /^错误：参数不正确/);
  const help = await cli('help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /enroll-code --division/);
});

test('gateway set, status, disable: a connector to the province configured from its JSON file, refusals in Chinese', async () => {
  const file = join(dir, 'connector.json');
  writeFileSync(file, JSON.stringify({ name: 'jiangxi', url: 'http://127.0.0.1:9/banjian', secret: 's'.repeat(40), reviewExternally: true }));
  const set = await cli('gateway', 'set', '--file', file);
  assert.equal(set.code, 0, set.stderr);
  assert.equal(set.stdout.trim(), '已保存对接接口“jiangxi”（http://127.0.0.1:9/banjian，审核在省级平台进行），此后到达的申请将交给它。');
  const status = await cli('gateway', 'status');
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /^jiangxi {2}启用 {2}http:\/\/127\.0\.0\.1:9\/banjian\n {2}已交 0 件，待交 0 件（其中重试中 0 件）/);
  assert.equal((await cli('gateway', 'disable', '--name', 'jiangxi')).stdout.trim(), '已停用对接接口“jiangxi”。');
  writeFileSync(file, JSON.stringify({ name: 'jiangxi', url: 'http://127.0.0.1:9/banjian', secret: 'short' }));
  const bad = await cli('gateway', 'set', '--file', file);
  assert.deepEqual([bad.code, bad.stderr.trim()], [1, '错误：对接接口配置不正确：签名密钥至少32个字符']);
  const missing = await cli('calendar', 'publish', '--file', join(dir, 'nope.json'));
  assert.deepEqual([missing.code, missing.stderr.trim()], [1, `错误：找不到文件 ${join(dir, 'nope.json')}，请检查路径`]);
  const folder = await cli('gateway', 'set', '--file', dir);
  assert.deepEqual([folder.code, folder.stderr.trim()], [1, `错误：${dir} 不是文件，请给出 JSON 文件的路径`]);
  const unknown = await cli('gateway', 'enable', '--name', 'nowhere');
  assert.deepEqual([unknown.code, unknown.stderr.trim()], [1, '错误：平台上没有名为“nowhere”的对接接口']);
});

test("ratings rules: the defaults, then the province's own deadlines; ratings summary; refusals in Chinese", async () => {
  const shown = await cli('ratings', 'rules');
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^当前差评办理时限：回访核实 1 个工作日，整改反馈 15 个工作日/);
  const set = await cli('ratings', 'rules', '--revisit-days', '2', '--rectify-days', '10', '--source', '赣府厅发〔2020〕示例号');
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /^已设置差评办理时限：回访核实 2 个工作日，整改反馈 10 个工作日（依据：赣府厅发〔2020〕示例号）。/);
  assert.match((await cli('ratings', 'rules')).stdout, /回访核实 2 个工作日，整改反馈 10 个工作日/);
  const bad = await cli('ratings', 'rules', '--revisit-days', '2', '--rectify-days', '0', '--source', '依据');
  assert.deepEqual([bad.code, bad.stderr.trim()], [1, '错误：差评办理时限不正确：整改反馈至少1个工作日']);
  const notDays = await cli('ratings', 'rules', '--revisit-days', 'x', '--rectify-days', '5', '--source', '依据');
  assert.deepEqual([notDays.code, notDays.stderr.trim()], [1, '错误：--revisit-days 应为整数（工作日天数）']);
  const none = await cli('ratings', 'summary', '--division', '360781');
  assert.deepEqual([none.code, none.stdout.trim()], [0, '该区划下还没有评价。']);
  const wrong = await cli('ratings', 'summary', '--division', '12345');
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /^错误：.*区划/);
});

test("transfer import: a village's stick imported on the command line, its return file written beside it; refusals in Chinese", async () => {
  const platform = await startPlatform({ dataDir, log: false });
  const terminal = freshStation();
  try {
    const { code } = await platform.admin.issueEnrollmentCode({ divisionCode: '360781102201', role: 'village', servicePointName: '华屋村代办点' });
    await platform.admin.createAccount({ username: 'cadre09', displayName: '钟晓燕', role: 'cadre', divisionCode: '360781102201', password: 'Daiban2026x' });
    await terminal.station.call('sync.enroll', { platformUrl: platform.url, code });
    await terminal.station.call('session.login', { username: 'cadre09', password: 'Daiban2026x' });
    await submitApplication(terminal.station, 1, [await scanPage()]);
    const stick = await exportToStick(terminal.station);
    await platform.close(); // the command line opens the data directory itself
    const file = join(dir, stick.fileName);
    writeFileSync(file, stick.bytes);

    const done = await cli('transfer', 'import', file);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /^已导入 daiban-360781102201-\S+\.daiban：2 条记录（新接收 2，此前已收到 0，未接收 0），扫描件 1 份。/);
    const written = /已写入 (\S+daiban-return-360781102201-[0-9a-f]{8}\.daiban)，请拷回该村代办点/.exec(done.stdout)?.[1];
    assert.ok(written, done.stdout);
    const back = await importFromStick(terminal.station, readFileSync(written));
    assert.deepEqual([back.accepted, back.duplicate], [2, 0]);
    const again = await cli('transfer', 'import', file, '--out', join(dir, 'again.daiban'));
    assert.match(again.stdout, /新接收 0，此前已收到 2/);

    const missing = join(dir, 'nope.daiban');
    assert.deepEqual([(await cli('transfer', 'import', missing)).stderr.trim()], [`错误：找不到文件 ${missing}，请检查路径`]);
    const garbage = join(dir, 'garbage.daiban');
    writeFileSync(garbage, 'not a transfer file');
    const bad = await cli('transfer', 'import', garbage);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^错误：文件已损坏或被改动过/);
    assert.match((await cli('transfer', 'import')).stderr, /^错误：用法：transfer import/);
  } finally {
    await platform.close();
    await terminal.cleanup();
  }
});

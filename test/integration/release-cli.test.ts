import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { INSTALLER_NAMES, nextPayload, writeFakeBuild } from '../helpers/release-builds';

/** `npm run platform -- release …` as IT staff run it: a child process against a PGlite data directory. */

const dir = mkdtempSync(join(tmpdir(), 'daiban-release-cli-'));
const dataDir = join(dir, 'platform');
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DAIBAN_PLATFORM_DATA: dataDir };
  delete env.DATABASE_URL;
  delete env.DAIBAN_RELEASE_DIR;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'platform/cli/main.ts', ...args], { cwd: process.cwd(), env, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('release publish, pause, rollback and list against one data directory', async () => {
  const v1 = await writeFakeBuild(join(dir, 'dist-1'), '1.0.0');
  const first = await cli('release', 'publish', '--dir', v1.dir);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^已发布新版本/);
  assert.match(first.stdout, /发布编号：stable-1\.0\.0（通道 stable，版本 1\.0\.0，推送中）/);
  assert.match(first.stdout, /推送范围：全部终端/);
  // Default release directory: beside the platform's data; the feed files are written there.
  const releases = join(dataDir, 'releases', 'stable');
  assert.ok(existsSync(join(releases, INSTALLER_NAMES('1.0.0').win)));
  assert.match(readFileSync(join(releases, 'latest.yml'), 'utf8'), /^version: 1\.0\.0$/m);

  const v2 = await writeFakeBuild(join(dir, 'dist-2'), '1.1.0', nextPayload(v1.win.subarray(2)));
  const second = await cli('release', 'publish', '--dir', v2.dir, '--percentage', '20', '--division', '3607,360730', '--notes', '修复打印问题');
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /推送范围：区划 3607、360730 内20%的终端/);

  const paused = await cli('release', 'pause', '--id', 'stable-1.1.0');
  assert.equal(paused.code, 0, paused.stderr);
  assert.match(paused.stdout, /已暂停推送 stable-1\.1\.0/);

  const rolled = await cli('release', 'rollback', '--id', 'stable-1.1.0');
  assert.equal(rolled.code, 0, rolled.stderr);
  assert.match(rolled.stdout, /已回退 stable-1\.1\.0：通道 stable 改为推送版本 1\.0\.0/);
  assert.match(readFileSync(join(releases, 'latest.yml'), 'utf8'), /^version: 1\.0\.0$/m);
  // Every earlier installer and blockmap stays for differential downloads.
  assert.ok(existsSync(join(releases, `${INSTALLER_NAMES('1.1.0').win}.blockmap`)));

  const listed = await cli('release', 'list');
  assert.equal(listed.code, 0, listed.stderr);
  const lines = listed.stdout.trim().split('\n');
  assert.match(lines[0]!, /^发布编号\s+通道\s+版本\s+状态\s+推送范围\s+已安装\s+发布时间/);
  assert.match(lines[2]!, /^stable-1\.1\.0\s+stable\s+1\.1\.0\s+已回退\s+区划 3607、360730 内20%的终端\s+0/);
  assert.match(lines[3]!, /^stable-1\.0\.0\s+stable\s+1\.0\.0\s+推送中\s+全部终端\s+0/);
  assert.equal(lines[4], '共 2 个发布（时间为北京时间；“已安装”为心跳报告该版本的终端数）。');
});

#!/usr/bin/env node
// Makes a fresh clone runnable: installs npm dependencies when package-lock.json changed since the last
// install, and (with --test) the system packages the tests need. Idempotent and quick when nothing changed.
// Plain Node only: it runs before node_modules exists.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'node_modules', '.daiban-lock-hash');
const lockHash = createHash('sha256')
  .update(readFileSync(join(root, 'package-lock.json')))
  .digest('hex');
const forTests = process.argv.includes('--test');

function run(cmd, args, env = {}) {
  console.log(`[bootstrap] ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  // Electron's binary cannot be downloaded on the build and CI machines (see docs/decisions.md);
  // set DAIBAN_WITH_ELECTRON=1 where it can, to get the desktop shell.
  const env = process.env.DAIBAN_WITH_ELECTRON === '1' ? {} : { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  run('npm', ['ci', '--no-audit', '--no-fund'], env);
  writeFileSync(stamp, lockHash);
}

if (forTests && process.platform === 'linux' && process.env.DAIBAN_SKIP_SYSTEM_DEPS !== '1') {
  run('bash', [join(root, 'scripts', 'install-system-deps.sh')]);
}

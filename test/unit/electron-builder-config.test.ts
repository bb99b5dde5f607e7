import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import yaml from 'js-yaml';
import { LATEST_VERSION } from '../../db/migrations/index';

/**
 * The packaging itself cannot run here (no Electron binary), so the config is held to electron-builder's own
 * JSON schema and to what the issue asks of it: per-user NSIS, deb and AppImage for x64 and arm64, natives
 * outside the asar, the CJK font bundled, fuses set, and the generic update provider.
 */

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const silent = { isEnabled: false, add: () => undefined };

type Target = { target: string; arch: string[] };
interface BuilderConfig {
  artifactName: string;
  nsis: { oneClick: boolean; perMachine: boolean };
  linux: { target: Target[] };
  win: { target: Target[] };
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  publish: { provider: string; url: string }[];
}

const config = yaml.load(readFileSync('build/electron-builder.yml', 'utf8')) as BuilderConfig;

test('build/electron-builder.yml passes electron-builder’s schema, and a broken copy does not', async () => {
  await validateConfiguration(structuredClone(config), silent);
  const broken = structuredClone(config) as unknown as { nsis: Record<string, unknown> };
  broken.nsis.perMachineTypo = false;
  await assert.rejects(validateConfiguration(broken, silent), /configuration\.nsis/);
});

test('installers: per-user NSIS (no UAC on update), deb and AppImage for x64 and arm64', () => {
  assert.equal(config.nsis.perMachine, false);
  assert.equal(config.nsis.oneClick, true);
  assert.deepEqual(config.win.target, [{ target: 'nsis', arch: ['x64'] }]);
  for (const kind of ['deb', 'AppImage']) {
    const t = config.linux.target.find((x) => x.target === kind);
    assert.deepEqual(t?.arch, ['x64', 'arm64'], kind);
  }
  // The release store tells the three feeds apart by the os and arch in the file name.
  assert.equal(config.artifactName, 'daiban-${version}-${os}-${arch}.${ext}');
});

test('native modules stay outside the asar; the font files exist where extraResources takes them from', () => {
  for (const pkg of ['better-sqlite3-multiple-ciphers', 'sharp', 'koffi', '@serialport/bindings-cpp']) {
    assert.ok(config.asarUnpack.includes(`node_modules/${pkg}/**`) || config.asarUnpack.includes(`node_modules/${pkg.split('/')[0]}/**`), pkg);
    assert.ok(existsSync(`node_modules/${pkg}/package.json`), pkg);
  }
  const fonts = config.extraResources.filter((r) => r.to.startsWith('fonts/') && r.to.endsWith('.ttf'));
  assert.deepEqual(fonts.map((f) => f.to).sort(), ['fonts/NotoSansSC_400Regular.ttf', 'fonts/NotoSansSC_700Bold.ttf']);
  for (const f of fonts) assert.ok(readFileSync(f.from).length > 5_000_000, f.from);
  assert.match(readFileSync('electron/main.ts', 'utf8'), /DAIBAN_FONT_DIR \?\?= join\(process\.resourcesPath, 'fonts'\)/);
});

test('fuses close Node-in-Electron doors; updates come from a generic provider', () => {
  assert.equal(config.electronFuses.runAsNode, false);
  assert.equal(config.electronFuses.enableNodeOptionsEnvironmentVariable, false);
  assert.equal(config.electronFuses.enableNodeCliInspectArguments, false);
  assert.equal(config.electronFuses.onlyLoadAppFromAsar, true);
  assert.equal(config.electronFuses.enableEmbeddedAsarIntegrityValidation, true);
  assert.deepEqual(
    config.publish.map((p) => p.provider),
    ['generic'],
  );
});

test('after the installers, daiban-release.json says the store schema this build ships (release publish reads it)', async () => {
  assert.equal((config as unknown as { afterAllArtifactBuild: string }).afterAllArtifactBuild, 'build/release-info.cjs');
  const hook = require('../../build/release-info.cjs') as ((r: { outDir: string }) => Promise<unknown[]>) & { storeSchema(root: string): number };
  assert.equal(hook.storeSchema(process.cwd()), LATEST_VERSION);
  const outDir = mkdtempSync(join(tmpdir(), 'daiban-release-info-'));
  try {
    assert.deepEqual(await hook({ outDir }), []);
    assert.deepEqual(JSON.parse(readFileSync(join(outDir, 'daiban-release.json'), 'utf8')), { storeSchema: LATEST_VERSION });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

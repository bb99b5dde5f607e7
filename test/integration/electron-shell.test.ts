/**
 * The Electron shell without Electron: the runtime cannot be downloaded here, so this builds the real bundle
 * (scripts/build-electron.mjs) and runs dist's main.js against a fake `electron` module that records what the
 * shell asks of it. It proves the bundle loads and wires things as intended; it cannot prove that Electron
 * itself honours those settings (that needs the runtime, see electron/main.ts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEMO_CADRE } from '../../station/setup/demo-data';
import { KeyStoreError, loadOrCreateSealedKey, SEALED_KEY_FILE, type SafeStorageLike } from '../../electron/key-store';
import { isAppUrl } from '../../electron/app-origin';

const root = join(import.meta.dirname, '..', '..');

type Listener = (...args: any[]) => any;

const fakeSafeStorage = (o: { available?: boolean; backend?: string } = {}): SafeStorageLike => ({
  isEncryptionAvailable: () => o.available ?? true,
  encryptString: (s) => Buffer.from(`sealed:${Buffer.from(s).toString('base64')}`),
  decryptString: (b) => {
    const text = b.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(7), 'base64').toString();
  },
  getSelectedStorageBackend: () => o.backend ?? 'gnome_libsecret',
});

/** Everything the shell did to the fake Electron. */
const rec = {
  schemes: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  appEvents: new Map<string, Listener>(),
  windows: [] as FakeWindow[],
  ipc: new Map<string, Listener>(),
  protocolHandler: null as null | ((r: Request) => Promise<Response>),
  permissionRequest: null as null | Listener,
  permissionCheck: null as null | Listener,
  beforeRequest: null as null | Listener,
  errors: [] as string[],
  exitCode: null as null | number,
  sandboxed: false,
  screenEvents: new Map<string, Listener>(),
};

const DISPLAYS = [
  { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workAreaSize: { width: 1920, height: 1040 } },
  { id: 2, bounds: { x: 1920, y: 0, width: 1024, height: 600 }, workAreaSize: { width: 1024, height: 600 } },
];

class FakeWindow {
  url = '';
  readonly mainFrame = { url: '' };
  readonly sent: [string, unknown][] = [];
  readonly webContents = {
    mainFrame: this.mainFrame,
    send: (channel: string, e: unknown) => this.sent.push([channel, e]),
    isDestroyed: () => false,
    getURL: () => this.url,
  };
  constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
    rec.windows.push(this);
  }
  loadURL(url: string) {
    this.url = url;
    this.mainFrame.url = url;
    return Promise.resolve();
  }
  once() {}
  on() {}
  maximize() {}
  static getAllWindows() {
    return rec.windows;
  }
}

let userData: string;
let outRoot: string;

function fakeElectron() {
  const session = {
    setPermissionRequestHandler: (fn: Listener) => (rec.permissionRequest = fn),
    setPermissionCheckHandler: (fn: Listener) => (rec.permissionCheck = fn),
    setDevicePermissionHandler: () => {},
    webRequest: { onBeforeRequest: (fn: Listener) => (rec.beforeRequest = fn) },
  };
  return {
    app: {
      setPath: (name: string, path: string) => assert.equal(name, 'userData') ?? (userData = path),
      getPath: () => userData,
      enableSandbox: () => (rec.sandboxed = true),
      requestSingleInstanceLock: () => true,
      on: (event: string, fn: Listener) => rec.appEvents.set(event, fn),
      whenReady: () => Promise.resolve(),
      isPackaged: false,
      quit: () => {},
      exit: (code: number) => (rec.exitCode = code),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: typeof rec.schemes) => rec.schemes.push(...s),
      handle: (_scheme: string, fn: (r: Request) => Promise<Response>) => (rec.protocolHandler = fn),
    },
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (channel: string, fn: Listener) => rec.ipc.set(channel, fn), removeHandler: (c: string) => rec.ipc.delete(c) },
    dialog: { showErrorBox: (_title: string, message: string) => rec.errors.push(message) },
    safeStorage: fakeSafeStorage(),
    // The counter's PC with a second display facing the resident (评价屏).
    screen: {
      getPrimaryDisplay: () => DISPLAYS[0],
      getAllDisplays: () => DISPLAYS,
      on: (event: string, fn: Listener) => rec.screenEvents.set(event, fn),
    },
    session: { defaultSession: session },
  };
}

before(async () => {
  mkdirSync(join(root, 'dist'), { recursive: true });
  outRoot = mkdtempSync(join(root, 'dist', 'test-shell-'));
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), `--outdir=${join(outRoot, 'electron')}`], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  mkdirSync(join(outRoot, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(outRoot, 'renderer', 'index.html'), '<!doctype html><title>代办</title>');
  writeFileSync(join(outRoot, 'renderer', 'assets', 'a.js'), 'void 0');

  userData = mkdtempSync(join(tmpdir(), 'daiban-electron-'));
  process.env.DAIBAN_USER_DATA = userData;
  process.env.DAIBAN_DEMO = '1';
  process.env.DAIBAN_LOG_LEVEL = 'silent';

  // Serve `require('electron')` from the fake, for the bundle only.
  const fakePath = join(outRoot, 'fake-electron.js');
  const fake = new Module(fakePath);
  fake.exports = fakeElectron();
  fake.loaded = true;
  (Module as unknown as { _cache: Record<string, Module> })._cache[fakePath] = fake;
  const M = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
  const original = M._resolveFilename;
  M._resolveFilename = (req, ...rest) => (req === 'electron' ? fakePath : original(req, ...rest));

  createRequire(import.meta.url)(join(outRoot, 'electron', 'main.js'));
  const deadline = Date.now() + 20_000;
  while (rec.windows.length === 0 && rec.errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(rec.errors, []);
});

after(() => {
  rec.appEvents.get('will-quit')?.();
  rmSync(outRoot, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
});

const trusted = () => {
  const frame = rec.windows[0]!.mainFrame;
  return { senderFrame: frame, sender: { mainFrame: frame } };
};
const call = (event: unknown, method: unknown, input: unknown) => rec.ipc.get('station:call')!(event, method, input);

test('app:// is registered as a standard, secure scheme and the process is sandboxed', () => {
  const app = rec.schemes.find((s) => s.scheme === 'app');
  assert.ok(app?.privileges?.standard && app.privileges.secure);
  assert.equal(rec.sandboxed, true);
});

test('one hardened 1366×768 window loads app://daiban/index.html with the bundled preload', () => {
  assert.equal(rec.windows.filter((w) => w.url === 'app://daiban/index.html').length, 1);
  const w = rec.windows[0]!;
  assert.equal(w.url, 'app://daiban/index.html');
  assert.equal(w.options.width, 1366);
  assert.equal(w.options.height, 768);
  assert.equal(w.options.minWidth, 1024);
  assert.equal(w.options.minHeight, 700);
  const p = w.options.webPreferences;
  assert.equal(p.contextIsolation, true);
  assert.equal(p.sandbox, true);
  assert.equal(p.nodeIntegration, false);
  assert.equal(p.webSecurity, true);
  assert.equal(p.webviewTag, false);
  assert.equal(p.preload, join(outRoot, 'electron', 'preload.js'));
  assert.ok(existsSync(p.preload as string));
});

test("a second display gets the resident's 评价屏: full screen on it, the same hardened preferences, ?pad=1", () => {
  assert.equal(rec.windows.length, 2);
  const [main, pad] = rec.windows as [FakeWindow, FakeWindow];
  assert.equal(pad.url, 'app://daiban/index.html?pad=1');
  assert.deepEqual([pad.options.x, pad.options.y, pad.options.width, pad.options.height], [1920, 0, 1024, 600]);
  assert.equal(pad.options.fullscreen, true);
  assert.deepEqual(pad.options.webPreferences, main.options.webPreferences);
  // Attached again later: no second 评价屏 while one is open.
  rec.screenEvents.get('display-added')!();
  assert.equal(rec.windows.length, 2);
});

test('the 评价屏 may only ask for the waiting request and submit the rating, whoever is logged in', async () => {
  const frame = rec.windows[1]!.mainFrame;
  const fromPad = { senderFrame: frame, sender: { mainFrame: frame } };
  assert.deepEqual(await call(fromPad, 'ratings.asked', {}), { ok: true, value: null });
  const refused = (await call(fromPad, 'residents.search', { query: '王' })) as { ok: false; error: { code: string; message: string } };
  assert.deepEqual(refused, { ok: false, error: { code: 'FORBIDDEN', message: '评价屏只能用于群众评价。' } });
  const backups = (await call(fromPad, 'backups.list', {})) as { ok: boolean };
  assert.equal(backups.ok, false);
});

test('the database key is sealed with safeStorage in userData', () => {
  const sealed = readFileSync(join(userData, SEALED_KEY_FILE), 'utf8');
  assert.match(sealed, /^sealed:/);
  assert.ok(existsSync(join(userData, 'terminal', 'daiban.db')));
});

test('IPC: a trusted call reaches the station; other frames, unknown methods and bad input are refused', async () => {
  const ok = await call(trusted(), 'session.login', { username: DEMO_CADRE.username, password: DEMO_CADRE.password });
  assert.equal(ok.ok, true, JSON.stringify(ok));
  assert.equal(ok.value.displayName, DEMO_CADRE.displayName);

  const evilFrame = { url: 'https://evil.example/' };
  assert.equal((await call({ senderFrame: evilFrame, sender: { mainFrame: evilFrame } }, 'session.current', {})).error.code, 'FORBIDDEN');
  const sub = { url: 'app://daiban/index.html' };
  assert.equal((await call({ senderFrame: sub, sender: { mainFrame: rec.windows[0]!.mainFrame } }, 'session.current', {})).error.code, 'FORBIDDEN');
  assert.equal((await call({ senderFrame: null, sender: { mainFrame: null } }, 'session.current', {})).error.code, 'FORBIDDEN');

  assert.equal((await call(trusted(), 'toString', {})).error.code, 'UNKNOWN_METHOD');
  const bad = await call(trusted(), 'session.login', { username: '', password: 'x' });
  assert.equal(bad.error.code, 'INVALID_INPUT');
  assert.match(bad.error.message, /请输入账号/);
  assert.ok(bad.error.details.fields.username);

  const refused = await call(trusted(), 'residents.get', { id: 'nope' });
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, 'NOT_FOUND');
  assert.match(refused.error.message, /[\u4e00-\u9fff]/);
});

test('app:// serves the renderer with the CSP, an SPA fallback and a traversal guard', async () => {
  const get = (url: string) => rec.protocolHandler!(new Request(url));
  const index = await get('app://daiban/index.html');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  assert.match(await index.text(), /代办/);
  assert.match((await get('app://daiban/assets/a.js')).headers.get('content-type') ?? '', /javascript/);
  assert.equal((await get('app://daiban/queue/123')).status, 200);
  assert.equal((await get('app://daiban/assets/missing.js')).status, 404);
  assert.equal((await get('app://daiban/..%2f..%2fpackage.json')).status, 400);
  assert.equal((await get('app://daiban/%2e%2e%5cpackage.json')).status, 400);
  assert.equal((await get('app://other/index.html')).status, 404);
});

test('permissions: only the camera, only for app://; no remote requests; navigation and new windows denied', () => {
  const grant = (permission: string, details: Record<string, unknown>) => {
    let granted: boolean | null = null;
    rec.permissionRequest!({}, permission, (g: boolean) => (granted = g), details);
    return granted;
  };
  assert.equal(grant('media', { requestingUrl: 'app://daiban/index.html', mediaTypes: ['video'] }), true);
  assert.equal(grant('media', { requestingUrl: 'app://daiban/index.html', mediaTypes: ['audio', 'video'] }), false);
  assert.equal(grant('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }), false);
  assert.equal(grant('geolocation', { requestingUrl: 'app://daiban/index.html' }), false);
  assert.equal(grant('notifications', { requestingUrl: 'app://daiban/index.html' }), false);
  assert.equal(rec.permissionCheck!(null, 'media', 'app://daiban'), true);
  assert.equal(rec.permissionCheck!(null, 'clipboard-read', 'app://daiban'), false);

  const cancelled = (url: string) => {
    let cancel: boolean | undefined;
    rec.beforeRequest!({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
    return cancel;
  };
  assert.equal(cancelled('https://cdn.example/x.js'), true);
  assert.equal(cancelled('http://127.0.0.1:5174/'), true);
  assert.equal(cancelled('file:///etc/passwd'), true);
  assert.equal(cancelled('app://daiban/assets/a.js'), false);
  assert.equal(cancelled('blob:app://daiban/1234'), false);

  const handlers = new Map<string, Listener>();
  let openHandler: Listener | null = null;
  rec.appEvents.get('web-contents-created')!(
    {},
    {
      on: (event: string, fn: Listener) => handlers.set(event, fn),
      setWindowOpenHandler: (fn: Listener) => (openHandler = fn),
    },
  );
  const prevented = (event: string, url: string) => {
    let p = false;
    handlers.get(event)!({ preventDefault: () => (p = true) }, url);
    return p;
  };
  assert.equal(prevented('will-navigate', 'https://evil.example/'), true);
  assert.equal(prevented('will-navigate', 'app://daiban/index.html'), false);
  assert.equal(prevented('will-attach-webview', ''), true);
  assert.deepEqual(openHandler!({ url: 'https://evil.example/' }), { action: 'deny' });
});

test('isAppUrl accepts only app://daiban', () => {
  assert.equal(isAppUrl('app://daiban/index.html'), true);
  assert.equal(isAppUrl('app://daiban.evil/index.html'), false);
  assert.equal(isAppUrl('app://user@daiban/'), false);
  assert.equal(isAppUrl('https://daiban/'), false);
  assert.equal(isAppUrl(null), false);
  assert.equal(isAppUrl('not a url'), false);
});

test('key store: refuses without OS protection, keeps an existing store safe, round-trips', () => {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-keystore-'));
  try {
    const storeFile = join(dir, 'terminal', 'daiban.db');
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof KeyStoreError);
        assert.match(e.message, /[\u4e00-\u9fff]/);
        return e.code;
      }
      return 'no error';
    };
    assert.equal(
      code(() => loadOrCreateSealedKey(fakeSafeStorage({ available: false }), { dir, storeFile })),
      'KEYSTORE_UNAVAILABLE',
    );
    assert.equal(
      code(() => loadOrCreateSealedKey(fakeSafeStorage({ backend: 'basic_text' }), { dir, storeFile })),
      'KEYSTORE_UNAVAILABLE',
    );

    const key = loadOrCreateSealedKey(fakeSafeStorage(), { dir, storeFile });
    assert.equal(key.length, 32);
    assert.doesNotMatch(readFileSync(join(dir, SEALED_KEY_FILE), 'utf8'), new RegExp(key.toString('hex')));
    assert.deepEqual(loadOrCreateSealedKey(fakeSafeStorage(), { dir, storeFile }), key);
    assert.deepEqual(loadOrCreateSealedKey(fakeSafeStorage({ backend: 'basic_text' }), { dir, storeFile, allowBasicText: true }), key);

    writeFileSync(join(dir, SEALED_KEY_FILE), 'garbage');
    assert.equal(
      code(() => loadOrCreateSealedKey(fakeSafeStorage(), { dir, storeFile })),
      'KEYSTORE_UNREADABLE',
    );

    rmSync(join(dir, SEALED_KEY_FILE));
    mkdirSync(join(dir, 'terminal'));
    writeFileSync(storeFile, 'an existing store');
    assert.equal(
      code(() => loadOrCreateSealedKey(fakeSafeStorage(), { dir, storeFile })),
      'KEYSTORE_MISSING',
    );
    assert.equal(existsSync(join(dir, SEALED_KEY_FILE)), false, 'no new key over an existing store');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

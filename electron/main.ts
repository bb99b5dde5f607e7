/**
 * The Electron shell of the terminal (DESIGN.md §2, §3, §8): one hardened window on app://daiban (and the
 * resident's 评价屏 on a second display, pad-window.ts), the station in userData with its key sealed by
 * safeStorage, StationApi over IPC.
 *
 * Bundled by scripts/build-electron.mjs into dist/electron/main.js (CommonJS, so `__dirname` is the bundle's
 * directory; dist/electron/package.json marks the folder as CommonJS inside this ESM package).
 *
 * NOT verifiable on the build machine, where Electron's binary cannot be downloaded: everything here is only
 * type-checked against Electron 39's typings. To check by hand on a machine with the runtime
 * (DAIBAN_WITH_ELECTRON=1 npm ci; npm start): the window opens at 1366×768, the login works, DevTools shows
 * the CSP header, `window.daiban` has only call/on, `window.require`/`process` are undefined, a link to
 * https:// does nothing, window.open returns null, the camera prompt is granted, a second start focuses the
 * first window, and on a Linux PC without a keyring the Chinese dialog appears.
 *
 * Environment: DAIBAN_USER_DATA overrides userData (npm start: .data/demo-electron); DAIBAN_DEMO=1 provisions
 * the demo village on first run (npm start only; a production terminal is set up by enrollment);
 * DAIBAN_ALLOW_UNSEALED_KEY=1 accepts Linux's 'basic_text' safeStorage backend.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, safeStorage, screen } from 'electron';
import { prepareDemoTerminal } from '../station/setup/demo-data';
import { isDaibanError } from '../core/errors';
import { createStation, type Station } from '../station/station';
import { ID_CARD_CONFIG_FILE, readerFromConfigFile } from '../station/id-card/config';
import { APP_ENTRY } from './app-origin';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { installHardening } from './hardening';
import { registerStationIpc, type StationIpc } from './ipc';
import { KeyStoreError, loadOrCreateSealedKey } from './key-store';
import { desktopUpdates } from './updater';
import { keepPadWindow } from './pad-window';

const rendererDir = join(__dirname, '..', 'renderer');
const preloadFile = join(__dirname, 'preload.js');

if (process.env.DAIBAN_USER_DATA) app.setPath('userData', process.env.DAIBAN_USER_DATA);
// The installer carries the two Noto Sans SC weights the documents embed (build/electron-builder.yml).
if (app.isPackaged) process.env.DAIBAN_FONT_DIR ??= join(process.resourcesPath, 'fonts');
app.enableSandbox();
registerAppScheme();

let mainWindow: BrowserWindow | null = null;
let station: Station | null = null;
let ipc: StationIpc | null = null;
let unsubscribeEvents: (() => void) | null = null;

function fail(message: string): void {
  dialog.showErrorBox('代办终端无法启动', message);
  app.exit(1);
}

/** Every window of ours: the cadre's and the resident's screen (pad-window.ts). */
const WEB_PREFERENCES = {
  preload: preloadFile,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  devTools: !app.isPackaged,
  // The built-in PDF viewer (receipt preview in a blob: frame) needs it; there are no other plugins.
  plugins: true,
};

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: '代办',
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: true,
    webPreferences: WEB_PREFERENCES,
  });
  // An old 1366×768 screen minus the taskbar is smaller than the window: fill it instead.
  const area = screen.getPrimaryDisplay().workAreaSize;
  if (area.width <= 1366 || area.height <= 768) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => (mainWindow = null));
  void win.loadURL(APP_ENTRY);
  return win;
}

async function openStation(): Promise<Station> {
  const userData = app.getPath('userData');
  const dataDir = join(userData, 'terminal');
  const key = loadOrCreateSealedKey(safeStorage, {
    dir: userData,
    storeFile: join(dataDir, 'daiban.db'),
    allowBasicText: process.env.DAIBAN_ALLOW_UNSEALED_KEY === '1',
  });
  // The sync agent starts with the station; it stays idle until the terminal is enrolled.
  // The counter's ID card reader as county IT configured it (docs/devices.md); none without the file.
  const reader = readerFromConfigFile(join(dataDir, ID_CARD_CONFIG_FILE), (message) => console.warn(message));
  const opened = createStation({ dataDir, key, sync: { autoStart: true }, updates: desktopUpdates(), idCard: { reader } });
  if (process.env.DAIBAN_DEMO === '1') {
    await prepareDemoTerminal(opened, { url: process.env.DAIBAN_DEMO_PLATFORM_URL, code: process.env.DAIBAN_DEMO_ENROLL_CODE });
  }
  return opened;
}

if (!app.requestSingleInstanceLock()) {
  // Two processes on one SQLCipher store would fight over it: the first instance takes over.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    unsubscribeEvents?.();
    ipc?.dispose();
    // Aborts a sync in progress; every step is its own transaction, so quitting mid-run loses nothing.
    void station?.close();
    station = null;
  });

  app
    .whenReady()
    .then(async () => {
      installHardening();
      station = await openStation();
      ipc = registerStationIpc(station);
      const publish = ipc.publish;
      unsubscribeEvents = station.onEvent((event) => publish(event));
      handleAppProtocol(rendererDir);
      mainWindow = createWindow();
      keepPadWindow(WEB_PREFERENCES);
    })
    .catch((e: unknown) => {
      // The key store's refusals are written for the cadre as they are; anything else gets a frame.
      if (e instanceof KeyStoreError || isDaibanError(e)) return fail(e.message);
      const message = e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
      fail(`启动时出现异常：${message}\n已保存的数据不受影响。请重新打开；仍不行请联系县级运维人员。`);
    });
}

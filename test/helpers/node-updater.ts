import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { AppImageUpdater, DebUpdater, NsisUpdater, type AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

/**
 * electron-updater's real updaters (NsisUpdater, DebUpdater, AppImageUpdater) running under plain Node, for
 * tests of the platform's feeds: an AppAdapter standing in for Electron's `app`, and an HttpExecutor on
 * node:http(s) standing in for Electron's `net`. On the paths used here (checkForUpdates, downloadUpdate)
 * electron-updater never requires 'electron'; quitAndInstall does, and cannot run here anyway.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  range: string | null;
  status: number;
}

/** builder-util's NodeHttpExecutor plus the download() electron-updater calls (ElectronHttpExecutor's, on node:http). */
export class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  readonly requests: RecordedRequest[] = [];

  async download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return await options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers || undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (error) => (error == null ? resolve(destination) : reject(error)), responseHandler: null },
        0,
      );
    });
  }

  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    const headers = (options.headers ?? {}) as Record<string, unknown>;
    const range = (headers.Range ?? headers.range ?? null) as string | null;
    const record = (response: IncomingMessage) => {
      this.requests.push({ method: options.method ?? 'GET', path: options.path ?? '', range, status: response.statusCode ?? 0 });
      callback(response);
    };
    // One connection per request, as Electron's net does for the updater: Node's keep-alive agent would pile
    // electron-updater's per-request socket timeout listeners onto one reused socket.
    return (options.protocol === 'https:' ? httpsRequest : httpRequest)({ ...options, agent: false }, record);
  }
}

class NodeAppAdapter implements AppAdapter {
  readonly name = 'daiban';
  readonly isPackaged = true;
  constructor(
    readonly version: string,
    private readonly dir: string,
  ) {}
  get appUpdateConfigPath(): string {
    return join(this.dir, 'app-update.yml');
  }
  get userDataPath(): string {
    return join(this.dir, 'userData');
  }
  get baseCachePath(): string {
    return join(this.dir, 'cache');
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  relaunch(): void {
    throw new Error('relaunch is not available under Node');
  }
  quit(): void {
    throw new Error('quit is not available under Node');
  }
  onQuit(): void {}
}

export type UpdaterKind = 'nsis' | 'deb' | 'appimage';

export interface NodeUpdaterOptions {
  kind: UpdaterKind;
  /** The version the "installed" app reports. */
  version: string;
  /** The generic provider's base URL, e.g. `${platform.url}/updates/${terminalId}/`. */
  feedUrl: string;
  /** A fresh directory for app-update.yml, userData (.updaterId) and the updater's cache. */
  dir: string;
  /** Written to userData/.updaterId: electron-updater's staging draws on it (the terminal writes its id). */
  stagingId: string;
  allowDowngrade?: boolean;
  /** NSIS only: try the blockmap-based differential download (default: full download). */
  differential?: boolean;
}

export interface NodeUpdater {
  updater: AppUpdater;
  executor: NodeHttpExecutor;
  /** Where the NSIS updater looks for the installed version's installer (differential downloads). */
  cacheDir: string;
  logs: string[];
}

/**
 * Makes any require('electron') throw until the returned function is called: proof that the updater paths a
 * test runs never reach Electron (here the electron package has no binary and would throw anyway, but a
 * developer machine may have one).
 */
export function refuseElectron(): () => void {
  const Module = createRequire(import.meta.url)('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = Module._load;
  Module._load = function (this: unknown, request: string, ...rest: unknown[]) {
    if (request === 'electron') throw new Error('electron-updater required electron on a path that should run under Node');
    return load.call(this, request, ...rest);
  };
  return () => {
    Module._load = load;
  };
}

/** `updaterCacheDirName` as electron-builder writes it into app-update.yml. */
const CACHE_DIR_NAME = 'daiban-updater';

export function createNodeUpdater(o: NodeUpdaterOptions): NodeUpdater {
  mkdirSync(join(o.dir, 'userData'), { recursive: true });
  // What electron-builder puts into resources/app-update.yml for the generic provider.
  writeFileSync(join(o.dir, 'app-update.yml'), `provider: generic\nurl: ${o.feedUrl}\nuseMultipleRangeRequest: true\nupdaterCacheDirName: ${CACHE_DIR_NAME}\n`);
  writeFileSync(join(o.dir, 'userData', '.updaterId'), o.stagingId);
  const app = new NodeAppAdapter(o.version, o.dir);
  const updater: AppUpdater = o.kind === 'nsis' ? new NsisUpdater(null, app) : o.kind === 'deb' ? new DebUpdater(null, app) : new AppImageUpdater(null, app);
  const executor = new NodeHttpExecutor();
  const logs: string[] = [];
  const log = (level: string) => (m: unknown) => logs.push(`${level}: ${String(m)}`);
  updater.logger = { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') };
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = o.allowDowngrade ?? false;
  updater.disableWebInstaller = true;
  updater.disableDifferentialDownload = !o.differential;
  // Not public API: the executor Electron's net would provide, and the platform whose feed file is read
  // (latest.yml for Windows while this runs on Linux). With test options set, electron-updater reports a
  // failed differential download instead of quietly falling back to a full one.
  const internals = updater as unknown as {
    httpExecutor: HttpExecutor<ClientRequest>;
    _testOnlyOptions: { platform: string; isUseDifferentialDownload: boolean };
  };
  internals.httpExecutor = executor;
  internals._testOnlyOptions = { platform: o.kind === 'nsis' ? 'win32' : 'linux', isUseDifferentialDownload: o.differential ?? false };
  return { updater, executor, cacheDir: join(o.dir, 'cache', CACHE_DIR_NAME), logs };
}

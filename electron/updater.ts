import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { UpdateOptions } from '../station/updates/controller';
import { ElectronUpdaterEngine } from '../station/updates/electron-updater-engine';

/**
 * App updates in the shell: electron-updater's `autoUpdater` (NsisUpdater on Windows; on Linux DebUpdater when
 * the deb's resources/package-type says so, else AppImageUpdater) handed to the station, which owns the policy
 * (station/updates/controller.ts) and points it at `<platform>/updates/<terminal id>/` once enrolled.
 * `updates.install` closes the station, then calls `autoUpdater.quitAndInstall(true, true)`.
 *
 * An unpackaged app (npm start with Electron) has no updater: electron-updater would skip every check anyway.
 * NOT verifiable on the build machine (no Electron binary): installing, relaunching and the installers
 * themselves are type-checked only; the engine and feed run under Node in test/integration/updater.test.ts.
 */
export function desktopUpdates(): UpdateOptions | undefined {
  if (!app.isPackaged) return undefined;
  const engine = new ElectronUpdaterEngine({
    updater: autoUpdater,
    userDataPath: app.getPath('userData'),
    // The station is already closed when the installer fails to start: reopen the old version.
    onInstallFailed: () => {
      app.relaunch();
      app.exit(0);
    },
  });
  return { engine };
}

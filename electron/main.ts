/**
 * The Electron shell's composition root. It holds no rules: it opens the station service, wires
 * the protocols, IPC and guards from the other modules to Electron, and opens the kiosk window.
 * Importing it does nothing; the last line starts it only inside Electron's main process.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  session,
} from 'electron';
import type { WebContents } from 'electron';
import { describeFailure, StationFailure } from '../station/errors.js';
import { translator } from '../station/i18n/index.js';
import { resolveDataDir } from '../station/paths.js';
import { openStation, type Station } from '../station/service.js';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol.js';
import { registerIpc } from './ipc.js';
import { MEDIA_SCHEME_PRIVILEGES, registerMediaProtocol } from './media-protocol.js';
import { applyCsp, denyAllPermissions, hardenWebContents } from './security.js';
import { createKioskWindow } from './window.js';
import { keepDisplayAwakeWhilePlaying } from './power.js';

const PRODUCT_NAME = '远教学习站 Study Station';

export interface ShellArgs {
  /** `--data DIR` or `--data=DIR`. */
  data: string | undefined;
  /** `--windowed`: a normal window instead of full-screen kiosk mode. */
  windowed: boolean;
}

/** Reads the shell's own flags; Chromium's switches and anything unknown are left alone. */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const args: ShellArgs = { data: undefined, windowed: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--windowed') args.windowed = true;
    else if (arg === '--data' && i + 1 < argv.length) args.data = argv[++i];
    else if (arg?.startsWith('--data=')) args.data = arg.slice('--data='.length);
  }
  return args;
}

function showStartupFailure(err: unknown): void {
  const t = translator('zh-CN');
  const message =
    err instanceof StationFailure
      ? describeFailure(err, t)
      : t('error.internal', { detail: err instanceof Error ? err.message : String(err) });
  console.error(`[electron] ${message}`);
  dialog.showErrorBox(PRODUCT_NAME, message);
}

/**
 * Starts the shell. Everything Electron needs before 'ready' (schemes, switches, the
 * single-instance lock) happens synchronously here; the rest waits for the station and for ready.
 * Resolves once the kiosk window exists, or after a start-up failure has been reported.
 */
export function main(argv: readonly string[] = process.argv, env = process.env): Promise<void> {
  const args = parseShellArgs(argv.slice(1));
  if (!app.requestSingleInstanceLock()) {
    // A kiosk is one window; a second launch (a double-clicked icon) just shows the first one.
    app.quit();
    return Promise.resolve();
  }
  // Course videos start on their own at session time; no one is there to click "play".
  app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES, MEDIA_SCHEME_PRIVILEGES]);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  let station: Station | undefined;
  let win: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  /**
   * Takes the open station (so it is closed once) and closes it; a failure is reported, not
   * thrown: the app is on its way out either way.
   */
  const closeStation = async () => {
    const closing = station;
    station = undefined;
    try {
      await closing?.close();
    } catch (err) {
      console.error(`[electron] closing the station failed: ${String(err)}`);
    }
  };
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!station) return;
    // Closing waits (a few seconds at most) for a periodic job still writing, then checkpoints
    // the WAL so the database file is whole when the power is cut afterwards: hold the quit until
    // then and quit again (with no station left, this handler then lets it through).
    event.preventDefault();
    void closeStation().then(() => app.quit());
  });
  // systemd and `kill` stop the kiosk with SIGTERM; quit properly so the database is closed.
  process.once('SIGTERM', () => app.quit());

  const here = path.dirname(fileURLToPath(import.meta.url));
  // The same default data directory as the `station` command, so `station pin set` on the
  // terminal reaches the database the kiosk is using.
  const dataDir = resolveDataDir(args.data, env);

  return (async () => {
    try {
      const [opened] = await Promise.all([openStation({ dataDir }), app.whenReady()]);
      station = opened;
      // No application menu: its shortcuts (close, reload, dev tools) have no place on a kiosk.
      Menu.setApplicationMenu(null);
      registerAppProtocol(protocol, path.join(app.getAppPath(), 'dist', 'renderer'));
      registerMediaProtocol(protocol, opened.mediaRoot);
      applyCsp(session.defaultSession);
      denyAllPermissions(session.defaultSession);
      const isKioskContents = (contents: WebContents) =>
        win !== undefined && !win.isDestroyed() && contents === win.webContents;
      registerIpc(ipcMain, opened, isKioskContents);
      win = createKioskWindow(BrowserWindow, {
        preloadPath: path.join(here, 'preload.cjs'),
        windowed: args.windowed,
        title: PRODUCT_NAME,
      });
      // The screen must not blank while a course plays (the Chromium kiosk relies on the page's
      // wake lock and Chromium's own lock for playing video instead).
      keepDisplayAwakeWhilePlaying(win.webContents, powerSaveBlocker);
    } catch (err) {
      showStartupFailure(err);
      // exit() skips 'will-quit', so close the database here.
      await closeStation();
      app.exit(1);
    }
  })();
}

if (process.versions.electron && process.type === 'browser') void main();

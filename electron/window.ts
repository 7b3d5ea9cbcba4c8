import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL, webPreferencesFor } from './security.js';

/**
 * Painted before the first frame of the UI, so a TV never flashes white while the page loads.
 * Keep it equal to the renderer's page background.
 */
export const KIOSK_BACKGROUND = '#10213a';

export interface KioskWindowOptions {
  preloadPath: string;
  /** `--windowed`: a normal window, for a technician's laptop or for development. */
  windowed: boolean;
  title: string;
}

export function kioskWindowOptions(opts: KioskWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: opts.title,
    // Shown on 'ready-to-show', after the first paint.
    show: false,
    fullscreen: !opts.windowed,
    kiosk: !opts.windowed,
    // The smallest screen the UI is designed for (1366×768 TVs).
    width: 1366,
    height: 768,
    backgroundColor: KIOSK_BACKGROUND,
    autoHideMenuBar: true,
    webPreferences: webPreferencesFor(opts.preloadPath),
  };
}

type WindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the kiosk window and starts loading the UI from the app protocol. */
export function createKioskWindow(Window: WindowClass, opts: KioskWindowOptions): BrowserWindow {
  const win = new Window(kioskWindowOptions(opts));
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((err: unknown) => {
    console.error(`kiosk: could not load ${APP_ENTRY_URL}:`, err);
  });
  return win;
}

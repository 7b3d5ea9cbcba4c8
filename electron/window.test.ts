import { EventEmitter } from 'node:events';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createKioskWindow, KIOSK_BACKGROUND } from './window.js';

/** Records what the shell asks of a window; Electron's own BrowserWindow cannot run here. */
class FakeWindow extends EventEmitter {
  static created: FakeWindow[] = [];
  readonly show = vi.fn();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeWindow.created.push(this);
  }
}
const WindowClass = FakeWindow as unknown as new (
  o: BrowserWindowConstructorOptions,
) => BrowserWindow;

function open(windowed: boolean): FakeWindow {
  FakeWindow.created = [];
  createKioskWindow(WindowClass, {
    preloadPath: '/app/build/electron/preload.cjs',
    windowed,
    title: 'T',
  });
  expect(FakeWindow.created).toHaveLength(1);
  return FakeWindow.created[0] as FakeWindow;
}

describe('createKioskWindow', () => {
  it('opens full-screen in kiosk mode with the secure web preferences', () => {
    const win = open(false);
    expect(win.options).toMatchObject({
      fullscreen: true,
      kiosk: true,
      autoHideMenuBar: true,
      backgroundColor: KIOSK_BACKGROUND,
      show: false,
    });
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/build/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // A course starts with sound on its own.
      autoplayPolicy: 'no-user-gesture-required',
    });
  });

  it('opens a normal window with --windowed, still with the secure web preferences', () => {
    const win = open(true);
    expect(win.options).toMatchObject({ fullscreen: false, kiosk: false });
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
  });

  it('loads the UI from the app protocol and shows it only once it has painted', () => {
    const win = open(false);
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith('app://kiosk/index.html');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });
});

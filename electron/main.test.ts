import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../common/contract.js';
import { installDemoCourse } from '../station/content/demo-course.js';
import { openDatabase } from '../station/db/open.js';
import { appRoot, DB_FILE } from '../station/paths.js';

/**
 * A small stand-in for the parts of Electron the composition root touches. Each test gets a fresh
 * one (reset in beforeEach) and drives 'ready' by hand, so the order of calls can be asserted.
 */
const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const state = {
    log: [] as string[],
    gotLock: true,
    ready: { resolve: () => undefined as void, promise: Promise.resolve() },
    windows: [] as {
      options: Record<string, unknown>;
      loaded: string[];
      webContents: InstanceType<typeof EventEmitter> & { mainFrame: unknown };
    }[],
    powerBlocks: new Map<number, string>(),
    ipc: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    headersListener: undefined as unknown,
    permissionHandler: undefined as unknown,
    appMenu: 'default' as unknown,
  };
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => (state.log.push('lock'), state.gotLock),
    quit: () => void state.log.push('quit'),
    exit: (code: number) => void state.log.push(`exit ${code}`),
    whenReady: () => state.ready.promise,
    getAppPath: () => '/opt/study-station',
    commandLine: {
      appendSwitch: (name: string, value: string) => void state.log.push(`switch ${name}=${value}`),
    },
  });
  class BrowserWindow {
    readonly emitter = new EventEmitter();
    readonly webContents: EventEmitter & { mainFrame: unknown };
    readonly loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      state.log.push('window');
      this.webContents = Object.assign(new EventEmitter(), {
        mainFrame: {
          url: 'app://kiosk/index.html',
          parent: null,
          detached: false,
          processId: 1,
          frameToken: 'k',
        },
      });
      state.windows.push(this);
    }
    once(event: string, fn: () => void) {
      this.emitter.once(event, fn);
      return this;
    }
    on(event: string, fn: () => void) {
      this.emitter.on(event, fn);
      return this;
    }
    show() {}
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
  }
  const electron = {
    app,
    BrowserWindow,
    powerSaveBlocker: {
      start: (type: string) => {
        const id = state.powerBlocks.size + 1;
        state.powerBlocks.set(id, type);
        return id;
      },
      stop: (id: number) => state.powerBlocks.delete(id),
      isStarted: (id: number) => state.powerBlocks.has(id),
    },
    Menu: { setApplicationMenu: (menu: unknown) => void (state.appMenu = menu) },
    dialog: { showErrorBox: vi.fn() },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) =>
        void state.ipc.set(channel, fn),
      removeHandler: (channel: string) => void state.ipc.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn((schemes: { scheme: string }[]) => {
        state.log.push(`schemes ${schemes.map((s) => s.scheme).join(',')}`);
      }),
      handle: (scheme: string, fn: (request: Request) => Promise<Response>) => {
        state.log.push(`handle ${scheme}`);
        state.protocols.set(scheme, fn);
      },
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (l: unknown) => void (state.headersListener = l) },
        setPermissionRequestHandler: (h: unknown) => void (state.permissionHandler = h),
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
      },
    },
  };
  const reset = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    state.log = [];
    state.gotLock = true;
    state.ready = { resolve, promise };
    state.windows = [];
    state.powerBlocks.clear();
    state.ipc.clear();
    state.protocols.clear();
    state.headersListener = undefined;
    state.permissionHandler = undefined;
    state.appMenu = 'default';
    app.removeAllListeners();
    electron.dialog.showErrorBox.mockClear();
    electron.protocol.registerSchemesAsPrivileged.mockClear();
  };
  return { state, electron, reset };
});
vi.mock('electron', () => fake.electron);

const { main, parseShellArgs } = await import('./main.js');

let tmp: string;
let sigtermBefore: Set<unknown>;
let running: Promise<void> | undefined;

/** Starts the shell; afterEach waits for it, so no test's start-up spills into the next test. */
function start(argv: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  running = main(argv, env);
  return running;
}

/**
 * Emits 'will-quit' as Electron does, with an event the shell may hold the quit with. Resolves
 * once the shell has let the quit through: at once, or after closing the station and quitting
 * again. Returns whether it held the quit.
 */
async function willQuit(): Promise<boolean> {
  let held = false;
  const quits = () => fake.state.log.filter((l) => l === 'quit').length;
  const before = quits();
  fake.electron.app.emit('will-quit', { preventDefault: () => void (held = true) });
  if (held) await vi.waitFor(() => expect(quits()).toBe(before + 1));
  return held;
}

beforeEach(() => {
  fake.reset();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-main-'));
  sigtermBefore = new Set(process.listeners('SIGTERM'));
});

afterEach(async () => {
  fake.state.ready.resolve();
  await running;
  running = undefined;
  await willQuit();
  for (const l of process.listeners('SIGTERM')) {
    if (!sigtermBefore.has(l)) process.removeListener('SIGTERM', l);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('parseShellArgs', () => {
  it.each([
    [[], { data: undefined, windowed: false }],
    [['.', '--data', '/srv/station'], { data: '/srv/station', windowed: false }],
    [['--data=/srv/s', '--windowed'], { data: '/srv/s', windowed: true }],
    [['--no-sandbox', '--windowed', '--data'], { data: undefined, windowed: true }],
  ])('%j → %j', (argv, expected) => {
    expect(parseShellArgs(argv)).toEqual(expected);
  });
});

describe('main', () => {
  it('does nothing when imported', () => {
    expect(fake.state.log).toEqual([]);
  });

  it('does everything Electron needs before ready, and nothing else, synchronously', () => {
    void start(['electron', '--data', tmp]);
    expect(fake.state.log).toEqual([
      'lock',
      'switch autoplay-policy=no-user-gesture-required',
      'schemes app,media',
    ]);
    const [schemes] = fake.electron.protocol.registerSchemesAsPrivileged.mock.calls[0] ?? [];
    expect(schemes).toMatchObject([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      {
        scheme: 'media',
        privileges: { standard: true, secure: true, stream: true, bypassCSP: false },
      },
    ]);
    expect(fake.electron.app.listenerCount('web-contents-created')).toBe(1);
  });

  it('on ready serves the protocols, answers IPC from the kiosk window and opens it', async () => {
    const started = start(['electron', '--data', tmp, '--windowed']);
    fake.state.ready.resolve();
    await started;

    expect(fake.state.log.slice(3)).toEqual(['handle app', 'handle media', 'window']);
    expect(fake.state.appMenu).toBeNull();
    expect(fake.state.headersListener).toBeTypeOf('function');
    expect(fake.state.permissionHandler).toBeTypeOf('function');
    expect([...fake.state.ipc.keys()].sort()).toEqual(
      METHOD_NAMES.map((m) => `station:${m}`).sort(),
    );

    const [win] = fake.state.windows;
    expect(win?.options).toMatchObject({ kiosk: false, fullscreen: false });
    expect(win?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(String((win?.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload\.cjs$/,
    );
    expect(win?.loaded).toEqual(['app://kiosk/index.html']);

    // The IPC path, end to end through the real station on the temp data directory.
    const fromKiosk = { sender: win?.webContents, senderFrame: win?.webContents.mainFrame };
    const home = await fake.state.ipc.get('station:getHome')?.(fromKiosk, {});
    expect(home).toMatchObject({ ok: true, value: { timeZone: 'Asia/Shanghai' } });
    const stranger = { sender: { mainFrame: {} }, senderFrame: win?.webContents.mainFrame };
    vi.spyOn(console, 'warn').mockImplementationOnce(() => undefined);
    expect(await fake.state.ipc.get('station:getHome')?.(stranger, {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });

    // Media comes only from the verified content cache: a file dropped into the data directory
    // is not served; a course installed through a checked manifest (the demo course) is.
    fs.mkdirSync(path.join(tmp, 'content', 'demo'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'content', 'demo', 'a.mp4'), 'abcdef');
    const dropped = await fake.state.protocols.get('media')?.(
      new Request('media://local/demo/a.mp4', { headers: { range: 'bytes=2-3' } }),
    );
    expect(dropped?.status).toBe(404);
    const second = openDatabase(path.join(tmp, DB_FILE));
    installDemoCourse(second, new Date());
    second.close();
    const media = await fake.state.protocols.get('media')?.(
      new Request('media://local/demo/intro.mp4', { headers: { range: 'bytes=2-3' } }),
    );
    expect(media?.status).toBe(206);
    const demoBytes = fs.readFileSync(
      path.join(appRoot(), 'resources', 'demo-course', 'intro.mp4'),
    );
    expect(Buffer.from(await media!.arrayBuffer()).equals(demoBytes.subarray(2, 4))).toBe(true);
  });

  it('hardens every web contents Electron creates', () => {
    void start(['electron', '--data', tmp]);
    const contents = Object.assign(new EventEmitter(), {
      setWindowOpenHandler: vi.fn(),
      session: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    });
    fake.electron.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    const prevent = vi.fn();
    contents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: prevent });
    expect(prevent).toHaveBeenCalledOnce();
  });

  it('keeps the display awake while the kiosk window plays a course, and only then', async () => {
    const started = start(['electron', '--data', tmp]);
    fake.state.ready.resolve();
    await started;
    const [win] = fake.state.windows;
    expect(fake.state.powerBlocks.size).toBe(0);
    win?.webContents.emit('media-started-playing');
    expect([...fake.state.powerBlocks.values()]).toEqual(['prevent-display-sleep']);
    win?.webContents.emit('media-paused');
    expect(fake.state.powerBlocks.size).toBe(0);
  });

  it('closes the station when the app quits', async () => {
    const started = start(['electron', '--data', tmp]);
    fake.state.ready.resolve();
    await started;
    const [win] = fake.state.windows;
    const fromKiosk = { sender: win?.webContents, senderFrame: win?.webContents.mainFrame };
    // The quit is held until the station is closed, then let through; a second one is not held.
    expect(await willQuit()).toBe(true);
    expect(await willQuit()).toBe(false);
    vi.spyOn(console, 'error').mockImplementationOnce(() => undefined);
    // The database is closed, so the same call that worked before now fails inside the station.
    expect(await fake.state.ipc.get('station:getHome')?.(fromKiosk, {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('quits when all windows are closed and on SIGTERM', async () => {
    const started = start(['electron', '--data', tmp]);
    fake.state.ready.resolve();
    await started;
    fake.electron.app.emit('window-all-closed');
    expect(fake.state.log.at(-1)).toBe('quit');
    const added = process.listeners('SIGTERM').filter((l) => !sigtermBefore.has(l));
    expect(added).toHaveLength(1);
    fake.state.log = [];
    (added[0] as () => void)();
    expect(fake.state.log).toEqual(['quit']);
  });

  it('leaves a second launch to the first instance', async () => {
    fake.state.gotLock = false;
    await start(['electron', '--data', tmp]);
    expect(fake.state.log).toEqual(['lock', 'quit']);
    expect(fake.electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });

  it('reports a data directory it cannot use in Chinese, and exits with 1', async () => {
    const notADir = path.join(tmp, 'file');
    fs.writeFileSync(notADir, 'x');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const started = start(['electron', '--data', notADir]);
    fake.state.ready.resolve();
    await started;
    error.mockRestore();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledOnce();
    const [, message] = fake.electron.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(message).toContain(notADir);
    expect(message).toMatch(/数据目录/);
    expect(fake.state.log.at(-1)).toBe('exit 1');
    expect(fake.state.windows).toEqual([]);
  });

  it('takes the data directory from STATION_DATA_DIR when there is no --data', async () => {
    const started = start(['electron'], { STATION_DATA_DIR: tmp });
    fake.state.ready.resolve();
    await started;
    expect(fs.existsSync(path.join(tmp, 'station.db'))).toBe(true);
  });
});

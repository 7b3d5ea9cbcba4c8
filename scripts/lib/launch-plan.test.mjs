import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../station/paths.ts';
import {
  browserCandidates,
  chromiumArgs,
  defaultDataDir,
  electronArgs,
  hasDisplay,
  kioskPreferences,
  parseReadyLine,
  parseScreenSize,
  parseStartArgs,
  planLaunch,
} from './launch-plan.mjs';

describe('planLaunch', () => {
  const cases = [
    // headless wins over everything, display or not
    [{ headless: true, display: false, electron: null, browser: null }, { shell: 'headless' }],
    [{ headless: true, display: true, electron: '/e', browser: '/c' }, { shell: 'headless' }],
    // no display: neither shell can open a window
    [{ headless: false, display: false, electron: '/e', browser: '/c' }, { shell: 'no-display' }],
    [{ headless: false, display: false, electron: null, browser: null }, { shell: 'no-display' }],
    // Electron first when its runtime works
    [
      { headless: false, display: true, electron: '/e', browser: '/c' },
      { shell: 'electron', binary: '/e' },
    ],
    [
      { headless: false, display: true, electron: '/e', browser: null },
      { shell: 'electron', binary: '/e' },
    ],
    // then Chromium/Chrome
    [
      { headless: false, display: true, electron: null, browser: '/usr/bin/chromium' },
      { shell: 'chromium', binary: '/usr/bin/chromium' },
    ],
    // then just the URL
    [{ headless: false, display: true, electron: null, browser: null }, { shell: 'url' }],
  ];
  it.each(cases)('%j → %j', (facts, plan) => {
    expect(planLaunch(facts)).toEqual(plan);
  });
});

describe('hasDisplay', () => {
  it.each([
    [{ DISPLAY: ':0' }, 'linux', true],
    [{ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', true],
    [{}, 'linux', false],
    [{ DISPLAY: '' }, 'linux', false],
    [{}, 'win32', true],
    [{}, 'darwin', true],
  ])('%j on %s → %s', (env, platform, expected) => {
    expect(hasDisplay({ env, platform })).toBe(expected);
  });
});

describe('chromiumArgs', () => {
  const url = 'http://127.0.0.1:4321/?token=abc';
  it('opens the URL as a kiosk app with its own profile and no prompts', () => {
    const args = chromiumArgs({ url, profileDir: '/data/chromium-profile', isRoot: false });
    expect(args).toEqual(
      expect.arrayContaining([
        '--kiosk',
        `--app=${url}`,
        '--user-data-dir=/data/chromium-profile',
        '--autoplay-policy=no-user-gesture-required',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ]),
    );
    expect(args).not.toContain('--no-sandbox');
  });
  it('adds --no-sandbox only as root', () => {
    expect(chromiumArgs({ url, profileDir: '/p', isRoot: true })).toContain('--no-sandbox');
  });
  it('sizes the window to the screen when the screen size is known', () => {
    const args = chromiumArgs({
      url,
      profileDir: '/p',
      isRoot: false,
      screen: parseScreenSize(
        'screen #0:\n  dimensions:    1920x1080 pixels (508x285 millimeters)\n',
      ),
    });
    expect(args).toEqual(
      expect.arrayContaining(['--window-position=0,0', '--window-size=1920,1080']),
    );
    expect(chromiumArgs({ url, profileDir: '/p', isRoot: false }).join(' ')).not.toMatch(
      /--window-size/,
    );
  });
});

describe('parseScreenSize', () => {
  it.each([
    ['  dimensions:    1366x768 pixels (361x203 millimeters)', { width: 1366, height: 768 }],
    ['dimensions: 0x0 pixels', null],
    ['xdpyinfo:  unable to open display', null],
    ['', null],
  ])('%j → %j', (text, size) => {
    expect(parseScreenSize(text)).toEqual(size);
  });
});

describe('kioskPreferences', () => {
  it('creates preferences with translation off', () => {
    expect(JSON.parse(kioskPreferences(null))).toEqual({ translate: { enabled: false } });
  });
  it('keeps the rest of an existing profile', () => {
    const existing = JSON.stringify({ browser: { x: 1 }, translate: { enabled: true, y: 2 } });
    expect(JSON.parse(kioskPreferences(existing))).toEqual({
      browser: { x: 1 },
      translate: { enabled: false, y: 2 },
    });
  });
  it.each([['{broken'], ['[]'], ['null']])('leaves %j alone', (existing) => {
    expect(kioskPreferences(existing)).toBeNull();
  });
});

describe('electronArgs', () => {
  it.each([
    [{ dataDir: '/d', isRoot: false, platform: 'linux' }, ['.', '--data', '/d']],
    [{ dataDir: '/d', isRoot: true, platform: 'linux' }, ['.', '--data', '/d', '--no-sandbox']],
    [{ dataDir: 'C:\\d', isRoot: false, platform: 'win32' }, ['.', '--data', 'C:\\d']],
  ])('%j → %j', (facts, args) => {
    expect(electronArgs(facts)).toEqual(args);
  });
});

describe('browserCandidates', () => {
  it('tries CHROME_PATH first, then the usual names', () => {
    expect(browserCandidates({ env: { CHROME_PATH: '/opt/c/chrome' }, platform: 'linux' })).toEqual(
      ['/opt/c/chrome', 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
    );
  });
  it('looks in Program Files on Windows', () => {
    const list = browserCandidates({ env: { PROGRAMFILES: 'C:\\PF' }, platform: 'win32' });
    expect(list[0]).toBe('C:\\PF\\Google\\Chrome\\Application\\chrome.exe');
  });
});

describe('parseStartArgs', () => {
  it.each([
    [[], { headless: false, dataDir: null, port: 0, help: false }],
    [['--headless'], { headless: true, dataDir: null, port: 0, help: false }],
    [
      ['--data', '/d', '--port', '8080'],
      { headless: false, dataDir: '/d', port: 8080, help: false },
    ],
    [['--data=/d=x', '--headless'], { headless: true, dataDir: '/d=x', port: 0, help: false }],
  ])('%j', (argv, opts) => {
    expect(parseStartArgs(argv)).toEqual(opts);
  });
  it.each([[['--data']], [['--port', 'x']], [['--port', '70000']], [['--kiosk']], [['serve']]])(
    'refuses %j',
    (argv) => {
      expect(() => parseStartArgs(argv)).toThrow();
    },
  );
});

describe('parseReadyLine', () => {
  it.each([
    ['ready http://127.0.0.1:4321/?token=abc', 'http://127.0.0.1:4321/?token=abc'],
    ['ready http://127.0.0.1:4321/?token=abc\r', 'http://127.0.0.1:4321/?token=abc'],
    ['starting…', null],
    ['not ready http://x', null],
  ])('%j → %j', (line, url) => {
    expect(parseReadyLine(line)).toBe(url);
  });
});

describe('defaultDataDir matches the station (station/paths.ts resolveDataDir)', () => {
  const home = '/home/ann';
  it.each([
    [{}, 'linux'],
    [{ XDG_DATA_HOME: '/xdg' }, 'linux'],
    [{ XDG_DATA_HOME: '' }, 'linux'],
    [{ STATION_DATA_DIR: '/srv/station' }, 'linux'],
    [{}, 'darwin'],
    [{ APPDATA: '/appdata' }, 'win32'],
    [{}, 'win32'],
  ])('%j on %s', (env, platform) => {
    const ours = defaultDataDir({ env, platform, home, join: path.join });
    expect(path.resolve(ours)).toBe(resolveDataDir(undefined, env, platform, home));
  });
  it('uses the XDG data home on Linux', () => {
    expect(defaultDataDir({ env: {}, platform: 'linux', home, join: path.join })).toBe(
      '/home/ann/.local/share/study-station',
    );
  });
});

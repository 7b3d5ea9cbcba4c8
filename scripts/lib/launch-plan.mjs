// Decisions of `npm start`, as pure functions of facts gathered by scripts/start.mjs, so every
// case (headless, Electron, Chromium, no display, no browser) is table-tested without launching
// anything. No imports: start.mjs runs on a fresh clone before `npm install`.

/** Flags of `npm start -- …`. Unknown flags are an error rather than silently ignored. */
export function parseStartArgs(argv) {
  const opts = { headless: false, dataDir: null, port: 0, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${name} needs a value`);
      return v;
    };
    if (name === '--headless') opts.headless = true;
    else if (name === '--data') opts.dataDir = value();
    else if (name === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port must be a number from 0 to 65535`);
      }
      opts.port = port;
    } else if (name === '--help' || name === '-h') opts.help = true;
    else throw new Error(`unknown option: ${arg}`);
  }
  return opts;
}

/**
 * The station's data directory when none is given: STATION_DATA_DIR, else the per-user default.
 * Mirrors resolveDataDir in station/paths.ts (a parity test keeps the two in step); it is repeated
 * here because the launcher runs before anything is built.
 */
export function defaultDataDir({ env, platform, home, join }) {
  if (env.STATION_DATA_DIR) return env.STATION_DATA_DIR;
  if (platform === 'win32') {
    return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'StudyStation');
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'StudyStation');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'study-station');
}

/** Browsers to try for the Chromium kiosk, in order: CHROME_PATH, then names on PATH, then the
 *  usual install locations of the platform. */
export function browserCandidates({ env, platform }) {
  const list = [];
  if (env.CHROME_PATH) list.push(env.CHROME_PATH);
  if (platform === 'win32') {
    for (const base of [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]) {
      if (base) list.push(`${base}\\Google\\Chrome\\Application\\chrome.exe`);
    }
    if (env.PROGRAMFILES) list.push(`${env.PROGRAMFILES}\\Chromium\\Application\\chrome.exe`);
    return list;
  }
  if (platform === 'darwin') {
    list.push('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    list.push('/Applications/Chromium.app/Contents/MacOS/Chromium');
  }
  list.push('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable');
  return list;
}

/** On Linux a window needs X11 or Wayland; elsewhere the desktop is assumed. */
export function hasDisplay({ env, platform }) {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Which shell brings the kiosk up.
 * @param {{ headless: boolean, display: boolean, electron: string | null,
 *   browser: string | null }} facts `electron`/`browser`: a working binary, or null
 * @returns {{ shell: 'headless' } | { shell: 'electron', binary: string } |
 *   { shell: 'chromium', binary: string } | { shell: 'no-display' } | { shell: 'url' }}
 */
export function planLaunch({ headless, display, electron, browser }) {
  if (headless) return { shell: 'headless' };
  // Both shells open a window, so without a display neither can start.
  if (!display) return { shell: 'no-display' };
  if (electron) return { shell: 'electron', binary: electron };
  if (browser) return { shell: 'chromium', binary: browser };
  return { shell: 'url' };
}

/** Arguments of the Electron shell: the app in this folder, on the chosen data directory. */
export function electronArgs({ dataDir, isRoot, platform }) {
  const args = ['.', '--data', dataDir];
  // Chromium refuses to run as root with its sandbox on Linux.
  if (isRoot && platform === 'linux') args.push('--no-sandbox');
  return args;
}

/**
 * Arguments of the Chromium kiosk: full screen, its own profile, no prompts, no phoning home.
 * `screen` (from xdpyinfo) sizes the window explicitly: with no window manager — a bare X session
 * on a terminal box, or Xvfb — `--kiosk` alone leaves a window smaller than the screen.
 */
export function chromiumArgs({ url, profileDir, isRoot, screen = null }) {
  const args = [
    '--kiosk',
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    // Course videos start on their own when an organizer opens a session.
    '--autoplay-policy=no-user-gesture-required',
    '--no-first-run',
    '--noerrdialogs',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (screen) {
    args.push('--window-position=0,0', `--window-size=${screen.width},${screen.height}`);
  }
  if (isRoot) args.push('--no-sandbox');
  return args;
}

/** The screen size from `xdpyinfo` output (`dimensions:    1366x768 pixels …`), or null. */
export function parseScreenSize(xdpyinfoOutput) {
  const m = /dimensions:\s+(\d+)x(\d+) pixels/.exec(xdpyinfoOutput ?? '');
  if (!m) return null;
  const [width, height] = [Number(m[1]), Number(m[2])];
  return width > 0 && height > 0 ? { width, height } : null;
}

/**
 * The kiosk profile's preferences with page translation turned off, keeping everything else.
 * A "translate this page?" bubble over the Chinese kiosk cannot be dismissed with a TV remote, and
 * no command-line flag of current Chromium turns it off; the profile preference does.
 * @param {string | null} existing the profile's Default/Preferences file, if there is one
 * @returns {string | null} the new file, or null when the existing one is not JSON (left alone)
 */
export function kioskPreferences(existing) {
  let prefs = {};
  if (existing) {
    try {
      prefs = JSON.parse(existing);
    } catch {
      return null;
    }
    if (typeof prefs !== 'object' || prefs === null || Array.isArray(prefs)) return null;
  }
  const translate = typeof prefs.translate === 'object' && prefs.translate ? prefs.translate : {};
  return JSON.stringify({ ...prefs, translate: { ...translate, enabled: false } });
}

/** The first stdout line of `station serve` is `ready <url>`; anything else is not (yet) ready. */
export function parseReadyLine(line) {
  const m = /^ready (\S+)\s*$/.exec(line);
  return m ? m[1] : null;
}

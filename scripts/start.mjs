#!/usr/bin/env node
// `npm start`: brings the kiosk up on a fresh clone. Installs and builds what is missing, creates
// the demo data on first start, then runs the kiosk in Electron when its runtime is present and
// works, else in Chromium/Chrome's kiosk mode over the loopback server, else prints the URL.
// `npm start -- --headless` only serves and prints `ready <url>`.
// Plain Node with no dependencies: it runs before `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
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
} from './lib/launch-plan.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stationBin = path.join(repoRoot, 'bin', 'station.js');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const READY_TIMEOUT_MS = 60_000;

const say = (zh, en) => process.stderr.write(`${zh}\n${en}\n`);

class StartFailed extends Error {}

/** Runs a command to completion with inherited stdio; throws naming the command on failure. */
function runOrThrow(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    cwd: repoRoot,
    stdio: 'inherit',
    shell: process.platform === 'win32' && cmd.endsWith('.cmd'),
    ...opts,
  });
  if (r.status !== 0) {
    throw new StartFailed(`命令失败 / command failed: ${[cmd, ...args].join(' ')}`);
  }
}

function npm(args) {
  const cli = process.env.npm_execpath;
  if (cli && /\.c?js$/.test(cli)) return runOrThrow(process.execPath, [cli, ...args]);
  return runOrThrow(process.platform === 'win32' ? 'npm.cmd' : 'npm', args);
}

function ensureInstalled() {
  if (fs.existsSync(path.join(repoRoot, 'node_modules', '.package-lock.json'))) return;
  const hasLock = fs.existsSync(path.join(repoRoot, 'package-lock.json'));
  say('首次启动：正在安装依赖……', 'First start: installing dependencies…');
  // `prepare` builds as part of the install.
  npm([hasLock ? 'ci' : 'install', '--no-audit', '--no-fund']);
}

function ensureBuilt() {
  // The bundled `station` command, the service modules the Electron shell loads, and the UI.
  const built = [
    ['build', 'cli', 'station.js'],
    ['build', 'station', 'service.js'],
    ['dist', 'renderer', 'index.html'],
  ].every((parts) => fs.existsSync(path.join(repoRoot, ...parts)));
  if (built) return;
  say('正在构建……', 'Building…');
  runOrThrow(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')]);
}

function ensureData(dataDir) {
  if (fs.existsSync(path.join(dataDir, 'station.db'))) return;
  say(`首次启动：在 ${dataDir} 创建示范数据`, `First start: creating demo data in ${dataDir}`);
  runOrThrow(process.execPath, [stationBin, 'init', '--demo', '--data', dataDir]);
}

/** The file a bare command name resolves to on PATH, or null. */
function findOnPath(name) {
  if (path.isAbsolute(name)) return isExecutable(name) ? name : null;
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findBrowser() {
  for (const candidate of browserCandidates({ env: process.env, platform: process.platform })) {
    const found = findOnPath(candidate);
    if (found) return found;
  }
  return null;
}

function electronEnv() {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/**
 * The Electron binary when it is installed and answers `--version`. Only reads what the electron
 * package's own installer left behind; never requires the package, whose first use would try to
 * download the runtime.
 */
function findElectron() {
  const pkgDir = path.join(repoRoot, 'node_modules', 'electron');
  const pathTxt = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathTxt)) return null;
  const binary = path.join(pkgDir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
  if (!fs.existsSync(binary)) return null;
  const probe = spawnSync(binary, ['--version'], {
    stdio: 'ignore',
    timeout: 5_000,
    env: electronEnv(),
  });
  return probe.status === 0 ? binary : null;
}

/** The X screen's size when xdpyinfo is there to tell it; null elsewhere (not needed there). */
function screenSize() {
  if (process.platform !== 'linux' || !process.env.DISPLAY || !findOnPath('xdpyinfo')) return null;
  const r = spawnSync('xdpyinfo', [], { encoding: 'utf8', timeout: 5_000 });
  return r.status === 0 ? parseScreenSize(r.stdout) : null;
}

/** Turns page translation off in the kiosk's own profile before Chromium reads it. */
function prepareProfile(profileDir) {
  const file = path.join(profileDir, 'Default', 'Preferences');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  const next = kioskPreferences(existing);
  if (next === null) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, next);
}

/** Starts `station serve`, forwards its output, and resolves with its URL once it is ready. */
function serve(dataDir, port) {
  const child = spawn(
    process.execPath,
    [stationBin, 'serve', '--data', dataDir, '--port', String(port)],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new StartFailed('学习站服务没有按时启动 / the station service did not become ready'));
    }, READY_TIMEOUT_MS);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      process.stdout.write(`${line}\n`);
      const url = parseReadyLine(line);
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new StartFailed(
          `学习站服务已退出 / the station service exited (${signal ?? `code ${code}`})`,
        ),
      );
    });
    child.on('error', reject);
  });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1)));
  });
  return { child, ready, exited };
}

/** Forwards Ctrl-C / SIGTERM to the children so nothing is left running behind us. */
function forwardSignals(children) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      for (const child of children()) {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      }
    });
  }
}

async function runServed(dataDir, port, plan) {
  const server = serve(dataDir, port);
  let browser = null;
  forwardSignals(() => [server.child, ...(browser ? [browser] : [])]);
  const url = await server.ready;

  if (plan.shell === 'chromium') {
    const profileDir = path.join(dataDir, 'chromium-profile');
    prepareProfile(profileDir);
    say(`正在用 ${plan.binary} 打开学习站`, `Opening the kiosk in ${plan.binary}`);
    browser = spawn(plan.binary, chromiumArgs({ url, profileDir, isRoot, screen: screenSize() }), {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    browser.on('error', (err) => {
      say(`无法启动浏览器：${err.message}`, `Cannot start the browser: ${err.message}`);
      say(`请在浏览器中打开：${url}`, `Open this address in a browser: ${url}`);
    });
    // Closing the kiosk window ends the session: stop the service behind it too.
    browser.on('exit', () => {
      if (server.child.exitCode === null) server.child.kill('SIGTERM');
    });
    server.exited.then(() => {
      if (browser.exitCode === null && browser.signalCode === null) browser.kill('SIGTERM');
    });
  } else if (plan.shell === 'url') {
    say(
      `没有找到 Chromium 或 Chrome。请在浏览器中打开：${url}`,
      `No Chromium or Chrome found. Open this address in a browser: ${url}`,
    );
    say('按 Ctrl-C 停止。', 'Press Ctrl-C to stop.');
  } else {
    say('学习站服务已启动，按 Ctrl-C 停止。', 'The station is serving; press Ctrl-C to stop.');
  }
  return server.exited;
}

function runElectron(binary, dataDir) {
  const child = spawn(binary, electronArgs({ dataDir, isRoot, platform: process.platform }), {
    cwd: repoRoot,
    stdio: 'inherit',
    env: electronEnv(),
  });
  forwardSignals(() => [child]);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 0));
  });
}

const USAGE = `npm start [-- --headless] [-- --data DIR] [-- --port N]
  --headless   只运行服务并打印地址 / serve only and print the URL
  --data DIR   数据目录 / data directory (default: STATION_DATA_DIR or the per-user folder)
  --port N     端口，0 表示任选空闲端口 / port, 0 picks a free one (default 0)`;

async function main() {
  let opts;
  try {
    opts = parseStartArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  ensureInstalled();
  ensureBuilt();
  const dataDir = path.resolve(
    opts.dataDir ??
      defaultDataDir({
        env: process.env,
        platform: process.platform,
        home: os.homedir(),
        join: path.join,
      }),
  );
  ensureData(dataDir);

  const display = opts.headless || hasDisplay({ env: process.env, platform: process.platform });
  const plan = planLaunch({
    headless: opts.headless,
    display,
    electron: opts.headless || !display ? null : findElectron(),
    browser: opts.headless || !display ? null : findBrowser(),
  });
  if (plan.shell === 'no-display') {
    say(
      '没有图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY）。请用 npm start -- --headless 只运行服务并在别处打开地址，或用 xvfb-run npm start。',
      'No display (DISPLAY and WAYLAND_DISPLAY are unset). Use `npm start -- --headless` to serve and open the URL elsewhere, or run `xvfb-run npm start`.',
    );
    return 1;
  }
  if (plan.shell === 'electron') return runElectron(plan.binary, dataDir);
  return runServed(dataDir, opts.port, plan);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof StartFailed ? err.message : (err?.stack ?? err)}\n`);
    process.exit(1);
  },
);

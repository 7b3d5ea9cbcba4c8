// Kiosk cold start to interactive: from navigation start to the home screen being visible with
// a focused element, in headless Chromium with a fresh profile per run — the real kiosk served by
// `station serve` beside a bare Vite + React page served from loopback, runs interleaved.
// readinessProbe and the waitForFunction callbacks run inside the page, not in Node:
/* global document, window, getComputedStyle, requestAnimationFrame */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { repoRoot } from '../lib/run.mjs';
import { median } from './report.mjs';
import { demoDataDir, startStation } from './station.mjs';

const HOME = '[data-testid="home-screen"]';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const CHROMIUM_ARGS = [
  ...(isRoot ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Injected before any page script: records performance.now() (ms since navigation start) at the
 * first frame where the home screen has a size, is not hidden, and something has focus.
 */
function readinessProbe(selector) {
  const ready = () => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') {
      return false;
    }
    const focused = document.activeElement;
    return Boolean(focused && focused !== document.body && focused !== document.documentElement);
  };
  const tick = () => {
    if (ready()) window.__benchReadyAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function buildBareReact() {
  const { build } = await import('vite');
  const outDir = path.join(repoRoot, 'node_modules', '.cache', 'study-station-bench', 'bare-react');
  await build({
    configFile: false,
    root: path.join(repoRoot, 'scripts', 'bench', 'bare-react'),
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'chrome120' },
  });
  return outDir;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** A static file server for the reference page, on loopback like the station's. */
function serveStatic(dir) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
    const file = path.join(dir, rel || 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

// One cold start varies by ±40 ms here, and the median of 11 still moved by ±0.1 in the ratio
// between runs of the bench; 15 narrow it at about 30 s per bench.
const MIN_RUNS = 15;
const kioskRuns = (asked) => Math.max(asked, MIN_RUNS);

/** One cold start: a new browser (so a new, empty profile), one navigation, one reading. */
async function coldStart(chromium, url) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(readinessProbe, HOME);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => typeof window.__benchReadyAt === 'number', null, {
      timeout: 30_000,
      polling: 50,
    });
    return await page.evaluate(() => window.__benchReadyAt);
  } finally {
    await browser.close();
  }
}

export const kioskStart = {
  id: 'kiosk-start',
  note: ({ runs: asked }) =>
    'kiosk cold start to interactive: headless Chromium (playwright-core, /usr/bin/chromium), a new ' +
    `browser and empty profile per run, 1920×1080; time from navigation start until \`${HOME}\` ` +
    'is visible and an element has focus (first animation frame where both hold). The figure is ' +
    'the kiosk served by `station serve` on a fresh demo data directory, the reference a bare ' +
    'Vite + React page (scripts/bench/bare-react) on a loopback static server; runs alternate, ' +
    `medians of ${kioskRuns(asked)} runs each after one discarded warm-up (at least ${MIN_RUNS}: ` +
    'one cold start varies by ±40 ms on a shared two-core machine, and a run takes a second).',
  async run({ runs: asked }) {
    const runs = kioskRuns(asked);
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
    const { chromium } = await import('playwright-core');
    const bareDir = await buildBareReact();
    const data = demoDataDir();
    const station = await startStation(data.dir);
    const bare = await serveStatic(bareDir);
    try {
      const kiosk = [];
      const reference = [];
      for (let i = 0; i <= runs; i++) {
        const k = await coldStart(chromium, station.url);
        const r = await coldStart(chromium, bare.url);
        process.stdout.write(`  run ${i}: kiosk ${k.toFixed(0)} ms, bare ${r.toFixed(0)} ms\n`);
        // The first pair only warms the OS file cache (Chromium's own binary and libraries).
        if (i > 0) {
          kiosk.push(k);
          reference.push(r);
        }
      }
      return [
        {
          name: 'kiosk cold start to interactive',
          figure: median(kiosk),
          reference: median(reference),
          referenceLabel: 'bare Vite React page',
          unit: 'ms',
          goal: { maxRatio: 1.5 },
        },
      ];
    } finally {
      await Promise.all([station.stop(), bare.close()]);
      data.cleanup();
    }
  },
};

#!/usr/bin/env node
// `npm test`: the whole suite on a fresh clone. Installs what is missing (npm packages; on
// Debian/Ubuntu as root also the system packages the tests use), builds, lints, type-checks and
// runs every vitest project. Stops at the first failing step and names the command that failed.
// The last line is `tests: N passed, N failed[, N skipped]`.
import fs from 'node:fs';
import path from 'node:path';
import { build } from './build.mjs';
import { StepFailed, header, localBin, repoRoot, run, runStatus } from './lib/run.mjs';
import {
  planSystemPackages,
  probeSystemPackages,
  WITHOUT_RECOMMENDS,
} from './lib/system-packages.mjs';
import { closingLine, summarize } from './lib/vitest-summary.mjs';

const REPORT = path.join('test-results', 'vitest.json');

function npm(args) {
  // Under `npm test`, npm_execpath is the npm that started us; reuse it rather than whatever is
  // first on PATH.
  const cli = process.env.npm_execpath;
  if (cli && /\.c?js$/.test(cli)) return run(process.execPath, [cli, ...args]);
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args);
}

function nodeModulesStale() {
  const marker = path.join(repoRoot, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(marker)) return 'node_modules is missing';
  const lock = path.join(repoRoot, 'package-lock.json');
  if (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs) {
    return 'package-lock.json is newer than node_modules';
  }
  return null;
}

async function installNodeModules() {
  header('install: npm packages');
  const reason = nodeModulesStale();
  if (!reason) {
    process.stdout.write('node_modules is up to date\n');
    return;
  }
  process.stdout.write(`${reason}: running npm ci\n`);
  await npm(['ci', '--no-audit', '--no-fund']);
}

async function installSystemPackages() {
  header('install: system packages');
  const plan = planSystemPackages(probeSystemPackages());
  if (plan.action === 'none') {
    process.stdout.write('all present\n');
    return;
  }
  if (plan.action === 'fail') {
    process.stderr.write(`${plan.message}\n`);
    throw new StepFailed('system packages check', 1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env });
  const lean = plan.packages.filter((p) => WITHOUT_RECOMMENDS.has(p));
  const full = plan.packages.filter((p) => !WITHOUT_RECOMMENDS.has(p));
  if (full.length) await run('apt-get', ['install', '-y', ...full], { env });
  if (lean.length) {
    await run('apt-get', ['install', '-y', '--no-install-recommends', ...lean], { env });
  }
}

async function lint() {
  header('lint: eslint');
  await run(localBin('eslint'), ['--max-warnings', '0', '.']);
  header('lint: prettier');
  await run(localBin('prettier'), ['--check', '.']);
}

async function typecheck() {
  header('type-check: tsc');
  await run(localBin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
}

/** Runs vitest and returns the exit code; the counts come from its JSON report. */
async function vitest() {
  header('tests: vitest (unit, integration, e2e)');
  fs.rmSync(path.join(repoRoot, REPORT), { force: true });
  const args = ['run', '--reporter=default', '--reporter=json', `--outputFile=${REPORT}`];
  const code = await runStatus(localBin('vitest'), args);
  let counts;
  try {
    counts = summarize(JSON.parse(fs.readFileSync(path.join(repoRoot, REPORT), 'utf8')));
  } catch (err) {
    process.stderr.write(`could not read ${REPORT}: ${err.message}\n`);
    counts = { passed: 0, failed: 1, skipped: 0 };
  }
  // vitest can fail outside any test (an unhandled error, a crashed worker): never report green.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  process.stdout.write(`\n${closingLine(counts)}\n`);
  return counts.failed > 0 || code !== 0 ? 1 : 0;
}

async function main() {
  const started = Date.now();
  await installNodeModules();
  await installSystemPackages();
  await build();
  await lint();
  await typecheck();
  const code = await vitest();
  process.stdout.write(`(npm test took ${Math.round((Date.now() - started) / 1000)} s)\n`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    const what = err instanceof StepFailed ? err.message : (err?.stack ?? String(err));
    process.stderr.write(`\nnpm test stopped: ${what}\n`);
    process.exit(1);
  },
);

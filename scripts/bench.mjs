#!/usr/bin/env node
// `npm run bench` (never part of `npm test`): runs every benchmark beside its reference in the
// same run and rewrites BENCHMARKS.md. Later issues add a module to BENCHMARKS below.
//   node scripts/bench.mjs [--runs N] [--only ID[,ID]]   (--only prints, leaves BENCHMARKS.md alone)
// Exits 1 when a figure misses its goal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupBench } from './bench/backup.mjs';
import { checkin } from './bench/checkin.mjs';
import { compliance } from './bench/compliance.mjs';
import { content } from './bench/content.mjs';
import { exportBench } from './bench/export.mjs';
import { healthHistory } from './bench/health-history.mjs';
import { kioskStart } from './bench/kiosk-start.mjs';
import { evaluate, machineSummary, renderMarkdown } from './bench/report.mjs';
import { scheduleBench } from './bench/schedule.mjs';
import { serviceMemory } from './bench/service-memory.mjs';
import { build } from './build.mjs';
import { repoRoot } from './lib/run.mjs';

const BENCHMARKS = [
  kioskStart,
  serviceMemory,
  backupBench,
  compliance,
  healthHistory,
  checkin,
  scheduleBench,
  exportBench,
  content,
];

function parseArgs(argv) {
  const opts = { runs: 7, only: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') opts.runs = Number(argv[++i]);
    else if (argv[i] === '--only') opts.only = argv[++i].split(',');
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('--runs must be ≥ 1');
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const selected = opts.only ? BENCHMARKS.filter((b) => opts.only.includes(b.id)) : BENCHMARKS;
  if (selected.length === 0) throw new Error(`no benchmark named ${opts.only}`);

  const built =
    fs.existsSync(path.join(repoRoot, 'build', 'station', 'cli', 'main.js')) &&
    fs.existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'));
  if (!built) await build();

  const rows = [];
  for (const bench of selected) {
    process.stdout.write(`\n=== bench: ${bench.id} ===\n`);
    for (const row of await bench.run({ runs: opts.runs })) rows.push(evaluate(row));
  }

  const cpus = os.cpus();
  const machine = machineSummary({
    cpuModel: cpus[0]?.model ?? 'unknown CPU',
    cores: cpus.length,
    totalMemBytes: os.totalmem(),
    nodeVersion: process.version,
    date: new Date().toISOString().slice(0, 10),
  });
  const notes = selected.map((b) => b.note(opts));
  const markdown = renderMarkdown({ rows, machine, notes });
  process.stdout.write(`\n${markdown}`);
  if (!opts.only) {
    fs.writeFileSync(path.join(repoRoot, 'BENCHMARKS.md'), markdown);
    process.stdout.write('\nBENCHMARKS.md rewritten\n');
  }
  return rows.every((r) => r.pass) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`bench failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  },
);

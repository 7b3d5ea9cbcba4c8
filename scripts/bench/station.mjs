// Starting the real station for a benchmark: a fresh demo data directory and `station serve`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { repoRoot } from '../lib/run.mjs';

const stationBin = path.join(repoRoot, 'bin', 'station.js');

/** A fresh data directory with the demo village; removed by the returned cleanup. */
export function demoDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-bench-'));
  const init = spawnSync(process.execPath, [stationBin, 'init', '--demo', '--data', dir], {
    encoding: 'utf8',
  });
  if (init.status !== 0) throw new Error(`station init --demo failed:\n${init.stderr}`);
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Spawns a Node process that prints `ready <url>` as its first stdout line (station serve, or the
 * reference server) and resolves once it has.
 */
export function startReadyProcess(args, label) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} not ready after 30 s`)), 30_000);
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      const m = /^ready (\S+)$/.exec(line);
      if (!m) {
        child.kill('SIGKILL');
        reject(new Error(`${label}: unexpected first line ${JSON.stringify(line)}\n${stderr}`));
        return;
      }
      const url = new URL(m[1]);
      resolve({
        child,
        url: m[1],
        origin: url.origin,
        token: url.searchParams.get('token'),
        stop: () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    exited.then((code) => reject(new Error(`${label} exited (${code}) before ready:\n${stderr}`)));
  });
}

export function startStation(dataDir) {
  return startReadyProcess(
    [stationBin, 'serve', '--data', dataDir, '--port', '0'],
    'station serve',
  );
}

/** Resident set size of a process in MB, from /proc (Linux only). */
export function rssMegabytes(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for pid ${pid}`);
  return kb / 1024;
}

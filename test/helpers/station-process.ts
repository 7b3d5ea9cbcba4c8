import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STATION_BIN = path.join(ROOT, 'bin', 'station.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `station …` to completion as a real process (the built CLI, as county scripts run it). */
export function station(args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(process.execPath, [STATION_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, STATION_LANG: '', ...env },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  stderr(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `station serve` and resolves once it has printed `ready <url>` on its first line. */
export function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [STATION_BIN, 'serve', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errText = '';
  child.stderr!.on('data', (d: Buffer) => (errText += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (first) => {
      const m = /^ready (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))$/.exec(first);
      if (!m) {
        child.kill('SIGKILL');
        reject(new Error(`unexpected first line: ${first}\n${errText}`));
        return;
      }
      resolve({
        child,
        url: m[1]!,
        port: Number(m[2]),
        token: m[3]!,
        stderr: () => errText,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then((code) =>
      reject(new Error(`station serve exited (${code}) before ready:\n${errText}`)),
    );
  });
}

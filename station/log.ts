import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from './clock.js';

export const LOG_DIR = 'logs';
export const LOG_FILE = 'station.log';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null>;

/**
 * Structured log lines for the technician's diagnostics bundle. Callers log events and codes,
 * never members' names or other personal data; the bundle scrubs such data again anyway.
 */
export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

export interface FileLogOptions {
  clock: Clock;
  /** Rotate when the current file would grow past this (default 1 MiB). */
  maxBytes?: number;
  /** Rotated files kept beside the current one: station.log.1 … .N (default 3). */
  keep?: number;
}

/**
 * A JSON-lines logger under DATA/logs, rotated by size so it can never fill a terminal's disk
 * (4 MiB at most by default). Appends synchronously: a line about a failure should be on disk
 * before a crash or a power cut that the failure may lead to. A log that cannot be written
 * never stops the station.
 */
export function openFileLog(dataDir: string, opts: FileLogOptions): Logger {
  const dir = path.join(dataDir, LOG_DIR);
  const file = path.join(dir, LOG_FILE);
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const keep = opts.keep ?? 3;
  const rotate = () => {
    fs.rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    fs.renameSync(file, `${file}.1`);
  };
  return {
    log(level, event, fields = {}) {
      const line = `${JSON.stringify({ time: opts.clock.now().toISOString(), level, event, ...fields })}\n`;
      try {
        fs.mkdirSync(dir, { recursive: true });
        const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
        if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
        fs.appendFileSync(file, line);
      } catch {
        // Logging is best effort: a full or read-only disk is reported by health, not here.
      }
    },
  };
}

/** The log files of a data directory, oldest first (station.log.3 … station.log). */
export function logFiles(dataDir: string): string[] {
  const dir = path.join(dataDir, LOG_DIR);
  if (!fs.existsSync(dir)) return [];
  const rank = (name: string) => {
    const m = /\.(\d+)$/.exec(name);
    return m ? -Number(m[1]) : 0;
  };
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((name) => path.join(dir, name));
}

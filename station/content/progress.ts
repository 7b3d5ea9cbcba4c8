import fs from 'node:fs';
import path from 'node:path';
import type { ContentSyncProgress } from '../../common/contract-content.js';

export const PROGRESS_FILE = 'sync-progress.json';
const WRITE_EVERY_MS = 500;

interface FileProgress {
  path: string;
  bytesDone: number;
  bytesTotal: number;
  state: 'waiting' | 'downloading' | 'verified' | 'failed';
  startedAt: number | null;
  startBytes: number;
}

/**
 * Tracks a sync run (bytes, rate and ETA per file and overall) and publishes it as a small JSON
 * file in the cache directory: the sync may run in a CLI process, the kiosk service reads it.
 */
export class ProgressReporter {
  private readonly files = new Map<string, FileProgress>();
  private readonly startedAt = Date.now();
  private lastWrite = 0;
  private state: ContentSyncProgress['state'] = 'running';
  private message: string | null = null;

  constructor(
    private readonly cacheRoot: string,
    private readonly source: string,
    private readonly now: () => Date,
  ) {}

  private timer: NodeJS.Timeout | null = null;
  finished = false;

  plan(files: { path: string; size: number; have: number }[]): void {
    // Also on a timer: a stalled link sends no chunks, and the console must still see the latest
    // bytes and a falling rate.
    this.timer ??= setInterval(() => this.write(true), 1000);
    this.timer.unref();
    for (const f of files) {
      this.files.set(f.path, {
        path: f.path,
        bytesDone: f.have,
        bytesTotal: f.size,
        state: 'waiting',
        startedAt: null,
        startBytes: f.have,
      });
    }
    this.write(true);
  }

  update(file: string, bytesDone: number, state?: FileProgress['state']): void {
    const f = this.files.get(file);
    if (!f) return;
    if (f.startedAt === null) {
      f.startedAt = Date.now();
      f.startBytes = Math.min(f.startBytes, bytesDone);
    }
    f.bytesDone = bytesDone;
    if (state) f.state = state;
    else if (f.state === 'waiting') f.state = 'downloading';
    this.write(state !== undefined);
  }

  finish(state: ContentSyncProgress['state'], message: string | null): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.finished = true;
    this.state = state;
    this.message = message;
    this.write(true);
  }

  snapshot(): ContentSyncProgress {
    const nowMs = Date.now();
    const rateOf = (done: number, since: number | null) =>
      since === null || nowMs - since < 200 ? 0 : done / ((nowMs - since) / 1000);
    const files = [...this.files.values()].map((f) => {
      const rate = f.state === 'downloading' ? rateOf(f.bytesDone - f.startBytes, f.startedAt) : 0;
      const left = f.bytesTotal - f.bytesDone;
      return {
        path: f.path,
        state: f.state,
        bytesDone: f.bytesDone,
        bytesTotal: f.bytesTotal,
        bytesPerSecond: Math.round(rate),
        etaSeconds: rate > 0 ? Math.ceil(left / rate) : null,
      };
    });
    const done = files.reduce((s, f) => s + f.bytesDone, 0);
    const total = files.reduce((s, f) => s + f.bytesTotal, 0);
    const fetched = [...this.files.values()].reduce((s, f) => s + (f.bytesDone - f.startBytes), 0);
    const rate = rateOf(fetched, this.startedAt);
    return {
      state: this.state,
      source: this.source,
      pid: process.pid,
      startedAt: new Date(this.startedAt).toISOString(),
      updatedAt: this.now().toISOString(),
      message: this.message,
      overall: {
        bytesDone: done,
        bytesTotal: total,
        bytesPerSecond: Math.round(rate),
        etaSeconds: rate > 0 ? Math.ceil((total - done) / rate) : null,
      },
      files,
    };
  }

  private write(force: boolean): void {
    const nowMs = Date.now();
    if (!force && nowMs - this.lastWrite < WRITE_EVERY_MS) return;
    this.lastWrite = nowMs;
    try {
      fs.mkdirSync(this.cacheRoot, { recursive: true });
      const file = path.join(this.cacheRoot, PROGRESS_FILE);
      const tmp = `${file}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, JSON.stringify(this.snapshot()));
      fs.renameSync(tmp, file);
    } catch {
      // Progress is a courtesy: a full disk must not fail the sync over it.
    }
  }
}

/** Whether a process with this id runs (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The last published progress; a 'running' run whose process is gone reads as 'interrupted'. */
export function readProgress(cacheRoot: string): ContentSyncProgress | null {
  try {
    const p = JSON.parse(
      fs.readFileSync(path.join(cacheRoot, PROGRESS_FILE), 'utf8'),
    ) as ContentSyncProgress;
    if (p.state === 'running' && !processAlive(p.pid)) p.state = 'interrupted';
    return p;
  } catch {
    return null;
  }
}

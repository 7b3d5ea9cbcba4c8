/**
 * `station health`, `station selftest` and `station time` as real processes, including a station
 * whose clock fell back to 2000-01-01 (STATION_FAKE_NOW, read only by the clock adapter).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEALTH_ITEM_IDS } from '../../common/contract-health.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { STATION_BIN, station, type RunResult } from '../helpers/station-process.js';
import { spawn } from 'node:child_process';

const Y2K = { STATION_FAKE_NOW: '2000-01-01T00:00:00Z' };

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  station([...args, '--data', data], env);
/** Like `run`, but leaves the event loop free, so a server in this process can answer it. */
function runAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const child = spawn(process.execPath, [STATION_BIN, ...args, '--data', data], {
    env: { ...process.env, STATION_LANG: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(run(['init', '--demo']).code).toBe(0);
});
afterEach(() => tmp.cleanup());

interface Report {
  items: { id: string; value: unknown; grade: string }[];
  clock: { trusted: boolean; reason: string; text: string };
}
const health = (env: NodeJS.ProcessEnv = {}) => {
  const r = run(['health', '--json'], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
};

function qualities(): string[] {
  const db = new Database(path.join(data, 'station.db'), { readonly: true });
  try {
    return db
      .prepare('SELECT time_quality FROM attendance_records ORDER BY id')
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

describe('station health', () => {
  it('--json grades every item of this machine and says whether the clock is trusted', () => {
    const report = health();
    expect(report.items.map((i) => i.id)).toEqual([...HEALTH_ITEM_IDS]);
    for (const item of report.items) {
      expect(['ok', 'warn', 'fail', 'unknown']).toContain(item.grade);
      expect(Object.keys(item).sort()).toEqual(
        Object.hasOwn(item, 'detail')
          ? ['detail', 'grade', 'id', 'value']
          : ['grade', 'id', 'value'],
      );
    }
    expect(report.items.find((i) => i.id === 'hub')).toMatchObject({
      value: 'not-configured',
      grade: 'unknown',
    });
    expect(report.items.find((i) => i.id === 'database')).toMatchObject({ grade: 'ok' });
    expect(report.clock).toMatchObject({ trusted: true, reason: 'consistent' });
  });

  it('prints a Chinese table without --json, English with --lang en', () => {
    const zh = run(['health']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^终端健康状况/);
    for (const label of ['处理器负载', '数据盘剩余空间', '县平台连接', '时钟：时间可信']) {
      expect(zh.stdout).toContain(label);
    }
    const en = run(['health', '--lang', 'en']);
    expect(en.stdout).toContain('CPU load');
  });
});

describe('a clock that fell back to 2000-01-01 after records exist', () => {
  it('is detected, flagged on new attendance records, and corrected from a good source', async () => {
    const id = run(['session', 'start', '--kind', 'collective', '--title', '学习']).stdout.trim();
    expect(run(['checkin', id, '张国庆']).code).toBe(0);
    expect(health().clock.trusted).toBe(true);

    // Power cut, RTC battery dead: the next process starts in the year 2000.
    const y2k = health(Y2K);
    expect(y2k.clock).toMatchObject({ trusted: false, reason: 'behind-last-record' });
    expect(y2k.clock.text).toContain('2000-01-01');
    expect(run(['checkin', id, '李秀英'], Y2K).code).toBe(0);
    expect(qualities()).toEqual(['trusted', 'untrusted']);

    // The technician sets the time from a good source; the station applies the offset.
    const source = http.createServer((_req, res) => res.end());
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/`;
      const set = await runAsync(['time', 'set', '--from-url', url, '--json'], Y2K);
      expect(set.stderr).toBe('');
      const correction = JSON.parse(set.stdout) as {
        offsetMs: number;
        systemClockSet: boolean;
        clock: { trusted: boolean };
      };
      expect(correction.offsetMs).toBeGreaterThan(26 * 365 * 86_400_000);
      expect(correction).toMatchObject({ systemClockSet: false, clock: { trusted: true } });
    } finally {
      source.close();
    }
    // Still in the year-2000 process world, but the station's clock is right again.
    const fixed = health(Y2K);
    expect(fixed.clock).toMatchObject({ trusted: true });
    const status = JSON.parse(run(['time', 'status', '--json'], Y2K).stdout) as { now: string };
    expect(Math.abs(Date.parse(status.now) - Date.now())).toBeLessThan(60_000);
  });

  it('right after set-up, before any attendance, the set-up itself is the time to beat', () => {
    expect(health(Y2K).clock).toMatchObject({ trusted: false, reason: 'behind-last-record' });
  });

  it('refuses a bad STATION_FAKE_NOW and a time set without a source', () => {
    expect(run(['health'], { STATION_FAKE_NOW: 'soon' }).code).toBe(1);
    const r = run(['time', 'set']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from-url');
  });

  it('a time set from an address that does not answer says so and changes nothing', () => {
    const r = run(['time', 'set', '--from-url', 'http://127.0.0.1:9/']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('无法从 http://127.0.0.1:9/ 获取时间');
    expect(JSON.parse(run(['time', 'status', '--json']).stdout)).toMatchObject({ offsetMs: 0 });
  });
});

describe('station selftest', () => {
  it('runs every step, stores the run and, when a course file changed, fails with advice', () => {
    const first = run(['selftest', '--json']);
    const run1 = JSON.parse(first.stdout) as {
      overall: string;
      steps: { id: string; result: string; advice: string }[];
    };
    expect(run1.steps.map((s) => s.id)).toEqual([
      'screen',
      'audio',
      'network',
      'disk',
      'database',
      'content',
    ]);
    const result = Object.fromEntries(run1.steps.map((s) => [s.id, s.result]));
    expect(result).toMatchObject({
      disk: 'pass',
      database: 'pass',
      // The demo course is in the verified cache: checked against its signed catalogue.
      content: 'pass',
      network: 'unknown',
    });
    expect(first.code).toBe(0);

    // A failing SD card flips bytes in a course video.
    // (The verified cache keeps each file under its SHA-256; the demo MP4 is the largest.)
    const objects = path.join(data, 'cache', 'objects');
    const file = fs
      .readdirSync(objects)
      .map((name) => path.join(objects, name))
      .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0]!;
    const bytes = fs.readFileSync(file);
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0xff;
    fs.writeFileSync(file, bytes);

    const second = run(['selftest']);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('[未通过] 课件校验');
    expect(second.stdout).toContain('重新同步课件');

    const db = new Database(path.join(data, 'station.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM selftest_runs').pluck().get()).toBe(2);
    db.close();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test/helpers/temp-dir.js';
import { fixedClock } from './clock.js';
import { logFiles, openFileLog } from './log.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => (tmp = makeTempDir()));
afterEach(() => tmp.cleanup());

describe('file log', () => {
  it('writes one JSON object per line', () => {
    const log = openFileLog(tmp.dir, { clock: fixedClock('2026-11-26T01:00:00Z') });
    log.log('error', 'rpc.failed', { method: 'getHome', detail: 'boom' });
    const [file] = logFiles(tmp.dir);
    expect(JSON.parse(fs.readFileSync(file!, 'utf8'))).toEqual({
      time: '2026-11-26T01:00:00.000Z',
      level: 'error',
      event: 'rpc.failed',
      method: 'getHome',
      detail: 'boom',
    });
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const log = openFileLog(tmp.dir, {
      clock: fixedClock('2026-11-26T01:00:00Z'),
      maxBytes: 400,
      keep: 2,
    });
    for (let i = 0; i < 40; i++) log.log('info', 'tick', { i });
    const files = logFiles(tmp.dir).map((f) => path.basename(f));
    expect(files).toEqual(['station.log.2', 'station.log.1', 'station.log']);
    for (const f of logFiles(tmp.dir)) expect(fs.statSync(f).size).toBeLessThanOrEqual(400);
    const last = fs.readFileSync(logFiles(tmp.dir).at(-1)!, 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ i: 39 });
  });

  it('never throws when the log cannot be written', () => {
    fs.writeFileSync(path.join(tmp.dir, 'logs'), 'a file where the directory should be');
    const log = openFileLog(tmp.dir, { clock: fixedClock('2026-11-26T01:00:00Z') });
    expect(() => log.log('error', 'x')).not.toThrow();
  });
});

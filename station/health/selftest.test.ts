import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { fixedClock } from '../clock.js';
import type { Db } from '../db/open.js';
import { translator } from '../i18n/index.js';
import { initDataDir } from '../init.js';
import { writeSetting } from '../settings/store.js';
import { selfTestView } from './describe.js';
import type { SystemProbe } from './probe.js';
import { lastSelfTest, runSelfTest } from './selftest.js';

const NOW = new Date('2026-11-26T08:00:00Z');
let tmp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeEach(() => {
  tmp = makeTempDir();
  db = initDataDir({ dataDir: tmp.dir, clock: fixedClock(NOW) }).db;
  fs.mkdirSync(path.join(tmp.dir, 'content', 'c1'), { recursive: true });
  fs.writeFileSync(path.join(tmp.dir, 'content', 'c1', 'a.mp4'), Buffer.alloc(4096, 7));
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const boom = () => Promise.reject(new Error('no such sensor'));
const throwing = { graphics: boom, audio: boom } as unknown as SystemProbe;
const withDevices = {
  graphics: async () => ({ displays: [{ currentResX: 1920, currentResY: 1080 }] }),
  audio: async () => [{ name: 'HDMI', out: true }],
} as unknown as SystemProbe;

const run = (probe: SystemProbe) =>
  runSelfTest({
    db,
    dataDir: tmp.dir,
    now: () => NOW,
    runBy: 'test',
    probe,
    diskProbeBytes: 64 * 1024,
  });
const results = (r: Awaited<ReturnType<typeof run>>) =>
  Object.fromEntries(r.steps.map((s) => [s.id, s.result]));

describe('runSelfTest', () => {
  it('sensors that throw cannot tell; disk, database and content still run', async () => {
    const r = await run(throwing);
    expect(results(r)).toEqual({
      screen: 'unknown',
      audio: 'unknown',
      network: 'unknown',
      disk: 'pass',
      database: 'pass',
      content: 'unknown',
    });
    expect(r.overall).toBe('unknown');
    // Written and read back, then removed: nothing left behind.
    expect(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('.selftest-'))).toEqual([]);
  });

  it('passes with a display, an audio output and a hub that answers; stored and shown with advice', async () => {
    const hub = http.createServer((_q, res) => res.end());
    await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
    try {
      writeSetting(db, 'hub.url', `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`, NOW);
      await run(withDevices); // first run learns the content fingerprints
      const r = await run(withDevices);
      expect(results(r)).toEqual({
        screen: 'pass',
        audio: 'pass',
        network: 'pass',
        disk: 'pass',
        database: 'pass',
        content: 'pass',
      });
      expect(lastSelfTest(db)).toMatchObject({ id: r.id, overall: 'pass', runBy: 'test' });
    } finally {
      hub.close();
    }
  });

  it('a hub that refuses fails, with what to do in Chinese', async () => {
    writeSetting(db, 'hub.url', 'http://127.0.0.1:9/', NOW);
    const view = selfTestView(translator('zh-CN'), await run(withDevices));
    const network = view.steps.find((s) => s.id === 'network')!;
    expect(network.result).toBe('fail');
    expect(network.text).toContain('无法连接县平台');
    expect(network.advice).toContain('县平台地址');
    expect(view.steps.find((s) => s.id === 'disk')!.advice).toBe('');
  });

  it('a course file whose bytes changed since the last check fails', async () => {
    await run(withDevices);
    fs.writeFileSync(path.join(tmp.dir, 'content', 'c1', 'a.mp4'), Buffer.alloc(4096, 8));
    const r = await run(withDevices);
    expect(r.steps.find((s) => s.id === 'content')).toMatchObject({
      result: 'fail',
      params: { changed: 1, paths: 'content/c1/a.mp4' },
    });
    expect(r.overall).toBe('fail');
  });

  it('a data folder that cannot be written fails the disk step', async () => {
    const r = await runSelfTest({
      db,
      dataDir: path.join(tmp.dir, 'content', 'c1', 'a.mp4'), // a file, not a folder
      now: () => NOW,
      runBy: 'test',
      probe: withDevices,
    });
    expect(r.steps.find((s) => s.id === 'disk')).toMatchObject({ result: 'fail' });
  });
});

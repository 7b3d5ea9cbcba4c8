import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEALTH_ITEM_IDS, type HealthItem } from '../../common/contract-health.js';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { fixedClock } from '../clock.js';
import type { Db } from '../db/open.js';
import { initDataDir } from '../init.js';
import { writeSetting } from '../settings/store.js';
import { readClockEvidence } from '../time/trusted-time.js';
import type { SystemProbe } from './probe.js';
import { markSuccess, takeSnapshot, volumeOf } from './snapshot.js';

const NOW = new Date('2026-11-26T08:00:00Z');
const GB = 1024 ** 3;

let tmp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeEach(() => {
  tmp = makeTempDir();
  db = initDataDir({ dataDir: tmp.dir, clock: fixedClock(NOW) }).db;
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

/** A machine that answers every sensor: load, memory and disk as given. */
function healthyProbe(over: Partial<SystemProbe> = {}): SystemProbe {
  return {
    currentLoad: async () => ({ currentLoad: 20, avgLoad: 0.2 }),
    mem: async () => ({ total: 4 * GB, available: 3 * GB }),
    fsSize: async () => [{ mount: '/', size: 100 * GB, available: 50 * GB, fs: '/dev/sda1' }],
    cpuTemperature: async () => ({ main: 48, max: 52 }),
    uptime: async () => 3600,
    graphics: async () => ({ displays: [{ currentResX: 1920, currentResY: 1080 }] }),
    audio: async () => [{ name: 'HDMI', out: true }],
    networkInterfaces: async () => [
      { iface: 'lo', ip4: '127.0.0.1', internal: true, operstate: 'unknown' },
      { iface: 'eth0', ip4: '10.0.0.5', internal: false, operstate: 'up' },
    ],
    osInfo: async () => ({ distro: 'Debian', release: '12', kernel: '6.1', arch: 'x64' }),
    ...over,
  };
}

const boom = () => Promise.reject(new Error('sensor missing'));
const throwingProbe: SystemProbe = {
  currentLoad: boom,
  mem: boom,
  fsSize: boom,
  cpuTemperature: boom,
  uptime: () => {
    throw new Error('synchronous throw');
  },
  graphics: boom,
  audio: boom,
  networkInterfaces: boom,
  osInfo: boom,
};

const byId = (items: HealthItem[]): Record<string, HealthItem> =>
  Object.fromEntries(items.map((i) => [i.id, i]));

describe('takeSnapshot', () => {
  it('grades every item of a healthy machine, in the contract order', async () => {
    fs.mkdirSync(path.join(tmp.dir, 'content', 'c1'), { recursive: true });
    fs.writeFileSync(path.join(tmp.dir, 'content', 'c1', 'a.mp4'), 'x'.repeat(100));
    markSuccess(db, 'last-sync', new Date('2026-11-25T08:00:00Z'));
    const snap = await takeSnapshot({ db, dataDir: tmp.dir, now: NOW, probe: healthyProbe() });
    expect(snap.items.map((i) => i.id)).toEqual([...HEALTH_ITEM_IDS]);
    const items = byId(snap.items);
    expect(items.cpu).toMatchObject({ value: 20, grade: 'ok' });
    expect(items.memory).toMatchObject({ value: 25, grade: 'ok' });
    expect(items['disk-data']).toMatchObject({ value: 50 * GB, grade: 'ok' });
    expect(items.temperature).toMatchObject({ value: 52, grade: 'ok' });
    expect(items.display).toMatchObject({
      value: 1,
      grade: 'ok',
      detail: { resolution: '1920x1080' },
    });
    expect(items.audio).toMatchObject({ value: 1, grade: 'ok' });
    expect(items.network).toMatchObject({ value: 1, grade: 'ok' });
    expect(items.hub).toMatchObject({ value: 'not-configured', grade: 'unknown' });
    expect(items.database).toMatchObject({ grade: 'ok', detail: { integrity: 'ok' } });
    expect(items.content).toMatchObject({ value: 1, grade: 'ok' });
    expect(items['last-sync']).toMatchObject({ value: '2026-11-25T08:00:00.000Z', grade: 'ok' });
    expect(items['last-upload']).toMatchObject({ value: null, grade: 'unknown' });
  });

  it('counts the synced course cache, also where content.cacheDir moves it', async () => {
    const elsewhere = path.join(tmp.dir, 'usb-cache');
    fs.mkdirSync(path.join(elsewhere, 'objects'), { recursive: true });
    fs.writeFileSync(path.join(elsewhere, 'objects', 'abc'), 'x'.repeat(300));
    writeSetting(db, 'content.cacheDir', elsewhere, NOW);
    const snap = await takeSnapshot({ db, dataDir: tmp.dir, now: NOW, probe: healthyProbe() });
    expect(byId(snap.items).content).toMatchObject({ value: 1, detail: { bytes: 300 } });
  });

  it('reads thresholds from the settings', async () => {
    const probe = healthyProbe({
      fsSize: async () => [{ mount: '/', size: 100 * GB, available: 0.5 * GB, fs: 'x' }],
      cpuTemperature: async () => ({ main: 95, max: null }),
      mem: async () => ({ total: 4 * GB, available: 0.4 * GB }),
    });
    let items = byId((await takeSnapshot({ db, dataDir: tmp.dir, now: NOW, probe })).items);
    expect(items['disk-data']!).toMatchObject({ grade: 'warn' });
    expect(items.temperature!).toMatchObject({ grade: 'fail' });
    expect(items.memory!).toMatchObject({ value: 90, grade: 'warn' });
    writeSetting(db, 'health.disk.warnFreeMB', 100, NOW);
    writeSetting(db, 'health.memory.warnPercent', 92, NOW);
    items = byId((await takeSnapshot({ db, dataDir: tmp.dir, now: NOW, probe })).items);
    expect(items['disk-data']!).toMatchObject({ grade: 'ok' });
    expect(items.memory!).toMatchObject({ grade: 'ok' });
  });

  it('a momentary CPU spike is not graded as sustained load', async () => {
    const spike = healthyProbe({ currentLoad: async () => ({ currentLoad: 100, avgLoad: 0.3 }) });
    const busy = healthyProbe({ currentLoad: async () => ({ currentLoad: 100, avgLoad: 1.2 }) });
    expect(
      byId((await takeSnapshot({ db, dataDir: tmp.dir, now: NOW, probe: spike })).items).cpu,
    ).toMatchObject({ value: 100, grade: 'ok' });
    expect(
      byId((await takeSnapshot({ db, dataDir: tmp.dir, now: NOW, probe: busy })).items).cpu,
    ).toMatchObject({ grade: 'fail' });
  });

  it('sensors that throw are unknown, never a crash', async () => {
    const snap = await takeSnapshot({ db, dataDir: tmp.dir, now: NOW, probe: throwingProbe });
    const items = byId(snap.items);
    for (const id of [
      'cpu',
      'memory',
      'disk-data',
      'disk-cache',
      'temperature',
      'uptime',
      'display',
      'audio',
      'network',
      'os',
    ]) {
      expect(items[id], id).toMatchObject({ value: null, grade: 'unknown' });
      expect(String(items[id]!.detail!.error)).toMatch(/sensor missing|synchronous throw/);
    }
    // What does not depend on the sensors still reports.
    expect(items.database).toMatchObject({ grade: 'ok' });
    expect(items.app).toMatchObject({ grade: 'ok' });
  });

  it('a headless box (no display, no audio, no temperature) reads unknown, not fail', async () => {
    const probe = healthyProbe({
      graphics: async () => ({ displays: [] }),
      audio: async () => [],
      cpuTemperature: async () => ({ main: null, max: null }),
    });
    const items = byId((await takeSnapshot({ db, dataDir: tmp.dir, now: NOW, probe })).items);
    expect([items.display!.grade, items.audio!.grade, items.temperature!.grade]).toEqual([
      'unknown',
      'unknown',
      'unknown',
    ]);
  });

  it('a sensor that hangs is cut off at the deadline', async () => {
    writeSetting(db, 'health.probeTimeoutMs', 500, NOW);
    const probe = healthyProbe({ graphics: () => new Promise(() => undefined) });
    const items = byId((await takeSnapshot({ db, dataDir: tmp.dir, now: NOW, probe })).items);
    expect(items.display).toMatchObject({
      grade: 'unknown',
      detail: { error: 'no answer within 500 ms' },
    });
    expect(items.cpu).toMatchObject({ grade: 'ok' });
  });

  it('reaches a real hub over HTTP and learns the time from its Date header', async () => {
    const hub = http.createServer((_req, res) => {
      res.setHeader('date', 'Thu, 26 Nov 2026 08:00:00 GMT');
      res.end();
    });
    await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
      writeSetting(db, 'hub.url', url, NOW);
      const items = byId(
        (await takeSnapshot({ db, dataDir: tmp.dir, now: NOW, probe: healthyProbe() })).items,
      );
      expect(items.hub).toMatchObject({ value: 'reachable', grade: 'ok', detail: { status: 200 } });
      expect(readClockEvidence(db).good).toMatchObject({
        at: Date.parse('2026-11-26T08:00:00.500Z'),
        source: 'http-date',
      });
    } finally {
      hub.close();
    }
  });

  it('a hub that does not answer fails', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    writeSetting(db, 'hub.url', `http://127.0.0.1:${port}/`, NOW);
    const items = byId(
      (await takeSnapshot({ db, dataDir: tmp.dir, now: NOW, probe: healthyProbe() })).items,
    );
    expect(items.hub).toMatchObject({ value: 'unreachable', grade: 'fail' });
    expect(String(items.hub!.detail!.error)).toMatch(/ECONNREFUSED/);
  });
});

describe('volumeOf', () => {
  it('picks the longest mount point that contains the folder', () => {
    const vols = [
      { mount: '/', n: 1 },
      { mount: '/media/usb', n: 2 },
      { mount: '/media/usb2', n: 3 },
    ];
    expect(volumeOf(vols, '/media/usb/content')?.n).toBe(2);
    expect(volumeOf(vols, '/home/x')?.n).toBe(1);
    expect(volumeOf([{ mount: '/media/usb' }], '/home/x')).toBeNull();
  });
});

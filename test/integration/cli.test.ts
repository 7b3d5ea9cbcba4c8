import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, sha256File } from '../helpers/temp-dir.js';
import { serve, station } from '../helpers/station-process.js';
import { LATEST_VERSION } from '../../station/db/migrations/index.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
});
afterEach(() => tmp.cleanup());

describe('station init', () => {
  it('creates a demo station, and running it again changes nothing', () => {
    const first = station(['init', '--demo', '--data', data, '--json']);
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout);
    expect(doc).toMatchObject({
      dataDir: data,
      schemaVersion: LATEST_VERSION,
      demo: { village: '向阳村', members: 30 },
    });
    const again = JSON.parse(station(['init', '--demo', '--data', data, '--json']).stdout);
    expect(again.terminalId).toBe(doc.terminalId);
    expect(again.demo).toBeNull();
    const db = new Database(path.join(data, 'station.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM members').get()).toEqual({ n: 30 });
    db.close();
  });

  it('takes the data directory from STATION_DATA_DIR when --data is absent', () => {
    const r = station(['init', '--json'], { STATION_DATA_DIR: data });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).dataDir).toBe(data);
    expect(fs.existsSync(path.join(data, 'station.db'))).toBe(true);
  });

  it('says clearly when the data directory cannot be written', () => {
    const blocker = path.join(tmp.dir, 'a-file');
    fs.writeFileSync(blocker, 'not a directory');
    const r = station(['init', '--data', path.join(blocker, 'data')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^数据目录 .*a-file\/data 无法写入/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('station db check', () => {
  it('reports SQLite integrity and the schema version as one JSON document', () => {
    station(['init', '--data', data]);
    const r = station(['db', 'check', '--json', '--data', data]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ integrity: 'ok', schemaVersion: LATEST_VERSION });
  });

  it('names a file that is not a station database and leaves it untouched', () => {
    fs.mkdirSync(data);
    const file = path.join(data, 'station.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x42));
    const before = sha256File(file);
    for (const args of [['db', 'check', '--json'], ['init'], ['serve', '--port', '0']]) {
      const r = station([...args, '--data', data]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain('不是学习站的数据库');
    }
    expect(sha256File(file)).toBe(before);
  });

  it('speaks English with --lang en', () => {
    const r = station(['db', 'check', '--data', data, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has not been initialised; run station init/);
  });
});

describe('station config', () => {
  it('gets and sets policy values, refusing bad ones with a readable line', () => {
    station(['init', '--data', data]);
    expect(
      station(['config', 'get', 'hours.minutesPerCreditHour', '--data', data]).stdout.trim(),
    ).toBe('45');
    expect(
      station(['config', 'set', 'hours.minutesPerCreditHour', '60', '--data', data]).code,
    ).toBe(0);
    expect(
      JSON.parse(
        station(['config', 'get', 'hours.minutesPerCreditHour', '--json', '--data', data]).stdout,
      ),
    ).toEqual({ key: 'hours.minutesPerCreditHour', value: 60 });

    const bad = station(['config', 'set', 'hours.minutesPerCreditHour', 'abc', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^设置项 hours.minutesPerCreditHour 的值“abc”无效/);
    const zone = station(['config', 'set', 'timeZone', 'Mars/Olympus', '--data', data]);
    expect(zone.code).toBe(2);
    // The whole sentence in Chinese: our own checks name a translated reason, not zod's English.
    expect(zone.stderr).toContain('不是已知的时区');
    const unknown = station(['config', 'get', 'nope', '--data', data]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有名为“nope”的设置项');
    expect(station(['config', 'set', 'terminal.id', 'x', '--data', data]).code).toBe(2);
    const all = JSON.parse(station(['config', 'get', '--json', '--data', data]).stdout);
    expect(all).toMatchObject({ timeZone: 'Asia/Shanghai', 'hours.targetLeader': 56 });
  });

  it('refuses unknown commands and options with exit code 2', () => {
    expect(station(['frobnicate']).code).toBe(2);
    const r = station(['init', '--bogus', '--data', data]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('未知选项 --bogus。运行 station --help 查看用法');
  });
});

describe('station serve', () => {
  it('prints ready <url>, serves the kiosk, and exits 0 on SIGTERM with the WAL checkpointed', async () => {
    station(['init', '--demo', '--data', data]);
    const s = await serve(['--data', data, '--port', '0']);
    try {
      const page = await fetch(s.url);
      expect(page.status).toBe(200);
      expect(
        (await fetch(`http://127.0.0.1:${s.port}/rpc/getHome`, { method: 'POST' })).status,
      ).toBe(401);
      const home = await fetch(`http://127.0.0.1:${s.port}/rpc/getHome`, {
        method: 'POST',
        headers: { 'x-station-token': s.token },
      });
      expect(((await home.json()) as { value: { village: string } }).value.village).toBe('向阳村');
    } finally {
      expect(await s.stop('SIGTERM')).toBe(0);
    }
    const wal = path.join(data, 'station.db-wal');
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
    expect(JSON.parse(station(['db', 'check', '--json', '--data', data]).stdout).integrity).toBe(
      'ok',
    );
  });

  it('a real install without demo data starts in first-run setup', async () => {
    const s = await serve(['--data', data, '--port', '0']);
    try {
      const home = await fetch(`http://127.0.0.1:${s.port}/rpc/getHome`, {
        method: 'POST',
        headers: { 'x-station-token': s.token },
      });
      expect(
        ((await home.json()) as { value: { setupRequired: boolean } }).value.setupRequired,
      ).toBe(true);
    } finally {
      await s.stop();
    }
  });

  it('refuses a port that is taken, with a clear error', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = station(['serve', '--data', data, '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`端口 ${port} 已被占用`);
      expect(station(['serve', '--data', data, '--port', '70000']).stderr).toContain(
        '端口号“70000”无效',
      );
    } finally {
      blocker.close();
    }
  });
});

describe('station pin set', () => {
  it('resets a PIN on the terminal itself, lifting a lock-out', async () => {
    station(['init', '--demo', '--data', data]);
    expect(
      station(['pin', 'set', '--role', 'organizer', '--pin', '24680', '--data', data]).code,
    ).toBe(0);
    const mayor = station(['pin', 'set', '--role', 'mayor', '--pin', '1234', '--data', data]);
    expect(mayor.code).toBe(2);
    expect(mayor.stderr).toContain('选项 --role 的值“mayor”无效，可选：organizer, technician');
    expect(station(['pin', 'set', '--role', 'organizer', '--pin', '12', '--data', data]).code).toBe(
      2,
    );
    const s = await serve(['--data', data, '--port', '0']);
    try {
      const r = await fetch(`http://127.0.0.1:${s.port}/rpc/unlock`, {
        method: 'POST',
        headers: { 'x-station-token': s.token },
        body: JSON.stringify({ role: 'organizer', pin: '24680' }),
      });
      expect(r.status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});

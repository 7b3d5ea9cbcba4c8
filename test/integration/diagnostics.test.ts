import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { ROOT, serve, station, type ServeProcess } from '../helpers/station-process.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
let server: ServeProcess | undefined;
const run = (...args: string[]) => station([...args, '--data', data]);

const demo = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'resources', 'demo', 'village.json'), 'utf8'),
) as { members: { name: string; cardCode: string; birthDate: string }[] };

beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(run('init', '--demo').code).toBe(0);
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  tmp.cleanup();
});

const unzip = (...args: string[]) => spawnSync('unzip', args, { encoding: 'utf8' });

describe('station diagnostics', () => {
  it('writes a zip a standard unzip opens, with no member’s personal data in it', async () => {
    server = await serve(['--port', '0', '--data', data]);
    const s = JSON.parse(
      run('session', 'start', '--kind', 'collective', '--title', '集中学习', '--json').stdout,
    ) as { id: number };
    for (const m of demo.members.slice(0, 5))
      expect(run('checkin', String(s.id), m.name).code).toBe(0);
    expect(
      run(
        'equipment',
        'add',
        '--kind',
        '电脑',
        '--model',
        '联想',
        '--serial',
        'S1',
        '--purchased',
        '2019-07-01',
      ).code,
    ).toBe(0);
    // An error whose text quoted a member (as a careless message might) and a row of health
    // history.
    fs.appendFileSync(
      path.join(data, 'logs', 'station.log'),
      `${JSON.stringify({ time: '2026-11-26T01:00:00Z', level: 'error', event: 'rpc.failed', detail: `card ${demo.members[0]!.cardCode} of ${demo.members[0]!.name}` })}\n`,
    );
    const db = new Database(path.join(data, 'station.db'));
    db.exec(`INSERT INTO health_snapshots (taken_at, resolution, worst, items)
             VALUES ('2026-11-26T01:00:00Z', 'raw', 'ok', '[["cpu",0.2,"ok"]]');`);
    db.close();

    const out = path.join(tmp.dir, 'diag.zip');
    const r = station(['diagnostics', '--out', out, '--json', '--data', data]);
    expect(r.code, r.stderr).toBe(0);

    const listing = unzip('-l', out);
    expect(listing.status).toBe(0);
    for (const entry of [
      'versions.json',
      'db-check.json',
      'settings.json',
      'health-history.jsonl',
      'equipment.json',
      'logs/station.log',
      'recent-errors.jsonl',
    ]) {
      expect(listing.stdout).toContain(entry);
    }
    const everything = unzip('-p', out);
    expect(everything.status).toBe(0);
    const text = everything.stdout;
    for (const m of demo.members) {
      expect(text, m.name).not.toContain(m.name);
      expect(text, m.cardCode).not.toContain(m.cardCode);
    }
    expect(text).not.toMatch(/scrypt\$/); // no PIN hashes
    expect(text).toContain('[已隐去]');
    expect(text).toContain('serve.started');
    // One JSON line per snapshot: the one written above, beside any the served station took.
    const history = unzip('-p', out, 'health-history.jsonl')
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { taken_at: string; items: string });
    const written = history.find((h) => h.taken_at === '2026-11-26T01:00:00Z');
    expect(JSON.parse(written!.items)).toEqual([['cpu', 0.2, 'ok']]);
    const check = JSON.parse(unzip('-p', out, 'db-check.json').stdout) as {
      integrity: string;
      rows: Record<string, number>;
    };
    expect(check.integrity).toBe('ok');
    expect(check.rows.attendance_records).toBe(5);
    const versions = JSON.parse(unzip('-p', out, 'versions.json').stdout) as Record<
      string,
      unknown
    >;
    expect(versions).toMatchObject({
      node: process.versions.node,
      schemaVersion: expect.any(Number),
    });
    const errors = unzip('-p', out, 'recent-errors.jsonl').stdout.trim().split('\n');
    expect(errors.map((l) => (JSON.parse(l) as { event: string }).event)).toContain('rpc.failed');
  });

  it('still writes a bundle when the database is damaged, saying what is wrong', () => {
    const file = path.join(data, 'station.db');
    const bytes = fs.readFileSync(file);
    bytes.fill(0x41, 0, 16); // the header no longer says SQLite
    fs.writeFileSync(file, bytes);
    const out = path.join(tmp.dir, 'diag.zip');
    const r = station(['diagnostics', '--out', out, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    const check = JSON.parse(unzip('-p', out, 'db-check.json').stdout) as { error: string };
    expect(check.error).toContain('station.db');
    // With the roster unreadable nothing can be scrubbed — and nothing from it was read either.
    const text = unzip('-p', out).stdout;
    for (const m of demo.members) expect(text).not.toContain(m.name);
  });
});

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { STATION_BIN, serve, station, type ServeProcess } from '../helpers/station-process.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
let server: ServeProcess | undefined;
const run = (...args: string[]) => station([...args, '--data', data]);

/** `station …` as a process that runs alongside others (spawnSync would serialise them). */
function runAsync(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [STATION_BIN, ...args], {
      env: { ...process.env, STATION_LANG: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

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

const json = (r: { code: number | null; stdout: string; stderr: string }) => {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};

describe('moving a station to a new terminal', () => {
  it('backs up a live station while check-ins happen and restores it into an empty directory', async () => {
    server = await serve(['--port', '0', '--data', data]);
    // A finished session with hours to compare.
    const s1 = json(
      run(
        'session',
        'start',
        '--kind',
        'collective',
        '--title',
        '十一月集中学习',
        '--at',
        '2026-11-14T09:00:00+08:00',
        '--json',
      ),
    ) as { id: number };
    for (const m of ['张国庆', 'XY0002', '3']) {
      expect(run('checkin', String(s1.id), m, '--at', '2026-11-14T09:00:00+08:00').code).toBe(0);
    }
    expect(run('session', 'end', String(s1.id), '--at', '2026-11-14T11:00:00+08:00').code).toBe(0);

    // An open session that keeps getting check-ins, one member after another, while the backup
    // runs: the backup must hold a consistent state — some prefix of those check-ins.
    const s2 = json(
      run('session', 'start', '--kind', 'collective', '--title', '党课', '--json'),
    ) as {
      id: number;
    };
    const order = Array.from({ length: 14 }, (_, i) => i + 10);
    const checkins = (async () => {
      for (const id of order) {
        const r = await runAsync(['checkin', String(s2.id), String(id), '--data', data]);
        expect(r.code, r.stderr).toBe(0);
      }
    })();
    const backupFile = path.join(tmp.dir, 'station-backup.zip');
    // Wait until check-ins are under way, then back up in the middle of them.
    const db = new Database(path.join(data, 'station.db'), { readonly: true });
    const count = () =>
      (
        db
          .prepare('SELECT count(*) AS n FROM attendance_records WHERE session_id = ?')
          .get(s2.id) as {
          n: number;
        }
      ).n;
    while (count() < 2) await new Promise((r) => setTimeout(r, 20));
    db.close();
    const backup = json(
      await runAsync(['backup', '--out', backupFile, '--json', '--data', data]),
    ) as {
      courseCacheIncluded: boolean;
      schemaVersion: number;
    };
    expect(backup.courseCacheIncluded).toBe(false);
    await checkins;

    // The source's view, now that its writers are done (s1's members and hours do not change).
    const members = json(run('members', 'list', '--json'));
    const hours = json(run('report', 'hours', '--year', '2026', '--json'));

    const restored = path.join(tmp.dir, 'new-terminal');
    const r = station(['restore', backupFile, '--data', restored]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('课程缓存');
    expect(json(station(['db', 'check', '--json', '--data', restored]))).toEqual({
      integrity: 'ok',
      schemaVersion: backup.schemaVersion,
    });
    expect(json(station(['members', 'list', '--json', '--data', restored]))).toEqual(members);
    expect(
      json(station(['report', 'hours', '--year', '2026', '--json', '--data', restored])),
    ).toEqual(hours);
    const copy = new Database(path.join(restored, 'station.db'), { readonly: true });
    const got = (
      copy
        .prepare('SELECT member_id AS id FROM attendance_records WHERE session_id = ? ORDER BY id')
        .all(s2.id) as { id: number }[]
    ).map((x) => x.id);
    copy.close();
    expect(got.length).toBeGreaterThanOrEqual(2);
    expect(got).toEqual(order.slice(0, got.length));
    // The course cache stays behind; the restored station has an empty content directory.
    expect(fs.readdirSync(path.join(restored, 'content'))).toEqual([]);
  }, 60_000);

  it('carries key files with a passphrase, and refuses a wrong passphrase or a damaged file', () => {
    fs.mkdirSync(path.join(data, 'keys'), { recursive: true });
    fs.writeFileSync(path.join(data, 'keys', 'terminal.key'), 'PRIVATE KEY BYTES');
    const phraseFile = path.join(tmp.dir, 'phrase.txt');
    fs.writeFileSync(phraseFile, '村里的 passphrase\n');
    const file = path.join(tmp.dir, 'b.bak');
    expect(run('backup', '--out', file, '--passphrase-file', phraseFile).code).toBe(0);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from('PRIVATE KEY'))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format'))).toBe(false);

    const target = path.join(tmp.dir, 'target');
    const noPhrase = station(['restore', file, '--data', target]);
    expect(noPhrase.code).toBe(1);
    expect(noPhrase.stderr).toContain('有密码保护');
    const wrong = station(['restore', file, '--data', target], {
      STATION_BACKUP_PASSPHRASE: '村里的 passphrase ',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('备份密码不对');
    expect(fs.existsSync(target)).toBe(false);

    const damaged = path.join(tmp.dir, 'damaged.bak');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    fs.writeFileSync(damaged, flipped);
    expect(
      station(['restore', damaged, '--data', target, '--passphrase-file', phraseFile]).code,
    ).toBe(1);
    expect(fs.existsSync(target)).toBe(false);

    const ok = station([
      'restore',
      file,
      '--data',
      target,
      '--passphrase-file',
      phraseFile,
      '--json',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      files: ['keys/terminal.key', 'keys/terminal.pub'],
      integrity: 'ok',
    });
    expect(fs.readFileSync(path.join(target, 'keys', 'terminal.key'), 'utf8')).toBe(
      'PRIVATE KEY BYTES',
    );

    // A second restore over a station that now has data is refused without --force.
    const again = station([
      'restore',
      file,
      '--data',
      target,
      '--passphrase-file',
      phraseFile,
      '--lang',
      'en',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not empty');
    expect(
      station(['restore', file, '--data', target, '--passphrase-file', phraseFile, '--force']).code,
    ).toBe(0);
  });

  it('refuses a plain backup whose database was damaged inside the archive', () => {
    const file = path.join(tmp.dir, 'plain.zip');
    expect(run('backup', '--out', file).code).toBe(0);
    const bytes = fs.readFileSync(file);
    // Truncated (a USB stick pulled out mid-copy) and a flipped byte in the compressed data.
    const cut = path.join(tmp.dir, 'cut.zip');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const flipped = Buffer.from(bytes);
    flipped[600]! ^= 0x55;
    const bad = path.join(tmp.dir, 'bad.zip');
    fs.writeFileSync(bad, flipped);
    for (const f of [cut, bad]) {
      const target = path.join(tmp.dir, `t-${path.basename(f)}`);
      const r = station(['restore', f, '--data', target]);
      expect(r.code, f).toBe(1);
      expect(r.stderr).toMatch(/损坏|不是学习站的备份/);
      expect(fs.existsSync(path.join(target, 'station.db'))).toBe(false);
    }
    const notBackup = path.join(tmp.dir, 'notes.txt');
    fs.writeFileSync(notBackup, 'hello');
    expect(station(['restore', notBackup, '--data', path.join(tmp.dir, 'x')]).stderr).toContain(
      '不是学习站的备份',
    );
  });
});

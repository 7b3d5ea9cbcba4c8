import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { canonicalForm, chainHash } from '../../station/evidence/canonical.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { station } from '../helpers/station-process.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
const run = (...args: string[]) => station([...args, '--data', data]);
/** Edits the database the way someone with the file would: the sqlite3 command-line tool. */
const sql = (statement: string) => {
  const r = spawnSync('sqlite3', [path.join(data, 'station.db'), statement], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
};
const verify = () => {
  const r = run('evidence', 'verify', '--json');
  return {
    code: r.code,
    result: JSON.parse(r.stdout) as { ok: boolean; first: unknown; records: number },
  };
};

beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(run('init', '--demo').code).toBe(0);
  const id = run(
    'session',
    'start',
    '--kind',
    'collective',
    '--title',
    '集中学习',
    '--at',
    '2026-11-14T09:00:00+08:00',
  ).stdout.trim();
  for (const who of ['张国庆', '李秀英', '王建军']) {
    expect(run('checkin', id, who, '--at', '2026-11-14T09:00:00+08:00').code).toBe(0);
  }
  expect(run('absence', id, '刘桂兰', '--reason', '生病').code).toBe(0);
  expect(run('attendance', 'correct', id, '李秀英', '--hours', '3', '--reason', '补录').code).toBe(
    0,
  );
});
afterEach(() => tmp.cleanup());

describe('station evidence verify', () => {
  it('passes on an untouched station and creates the terminal key pair, private', () => {
    const r = run('evidence', 'verify');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^记录链完整：共 5 条记录，链头第 5 条（[0-9a-f]{64}）/);
    const key = fs.statSync(path.join(data, 'keys', 'terminal.key'));
    expect(key.mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(data, 'keys', 'terminal.pub'), 'utf8')).toMatch(
      /^-----BEGIN PUBLIC KEY-----/,
    );
  });

  it('names a record changed with the sqlite3 tool (a time moved by a minute)', () => {
    sql("UPDATE attendance_records SET at = '2026-11-14T00:59:00.000Z' WHERE id = 2");
    const { code, result } = verify();
    expect(code).toBe(1);
    expect(result.first).toEqual({ kind: 'altered', seq: 2, table: 'attendance_records', id: 2 });
    const text = run('evidence', 'verify', '--lang', 'en');
    expect(text.code).toBe(1);
    expect(text.stdout.trim()).toBe(
      'The record chain is broken: record 2 (attendance_records id 2) was changed after it was written',
    );
  });

  it('names a deleted record, and one deleted together with its link', () => {
    sql('DELETE FROM attendance_records WHERE id = 3');
    expect(verify().result.first).toEqual({
      kind: 'deleted',
      seq: 3,
      table: 'attendance_records',
      id: 3,
    });
    sql('DELETE FROM evidence_chain WHERE seq = 3');
    expect(verify().result.first).toEqual({ kind: 'deleted', seq: 3, table: null, id: null });
  });

  it('names a record inserted behind the station’s back', () => {
    sql(
      `INSERT INTO attendance_records (session_id, member_id, kind, at, recorded_by, recorded_at)
       VALUES (1, 5, 'check-in', '2026-11-14T01:00:00.000Z', 'x', '2026-11-14T01:00:00.000Z')`,
    );
    const { code, result } = verify();
    expect(code).toBe(1);
    expect(result.first).toEqual({ kind: 'inserted', table: 'attendance_records', id: 6 });
  });

  it('a forged link (record edited and its hash recomputed) breaks at the next record', () => {
    sql("UPDATE attendance_records SET at = '2026-11-14T00:30:00.000Z' WHERE id = 2");
    const db = new Database(path.join(data, 'station.db'), { readonly: true });
    const row = db.prepare('SELECT * FROM attendance_records WHERE id = 2').get() as Record<
      string,
      unknown
    >;
    const prev = db
      .prepare('SELECT hash FROM evidence_chain WHERE seq = 1')
      .pluck()
      .get() as string;
    db.close();
    const forged = chainHash(prev, canonicalForm('attendance_records', row));
    sql(`UPDATE evidence_chain SET hash = '${forged}' WHERE seq = 2`);
    // Record 3's link was made from the true hash of record 2; only recomputing every later
    // link hides the edit, and then the head no longer matches the signed bundles already sent.
    expect(verify().result.first).toEqual({
      kind: 'altered',
      seq: 3,
      table: 'attendance_records',
      id: 3,
    });
  });
});

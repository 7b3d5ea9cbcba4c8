import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { station } from '../helpers/station-process.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string; // the village terminal
let county: string; // the receiving side (a second data directory)
let session: string;
const at =
  (dir: string) =>
  (...args: string[]) =>
    station([...args, '--data', dir]);
const terminal = (...args: string[]) => at(data)(...args);
const hub = (...args: string[]) => at(county)(...args);
const file = (name: string) => path.join(tmp.dir, name);

function exportBundle(name: string, ...extra: string[]) {
  const r = terminal('export', 'bundle', '--out', file(name), '--json', ...extra);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { fromSeq: number; toSeq: number; records: number };
}

function checkIn(who: string) {
  expect(terminal('checkin', session, who).code).toBe(0);
}

beforeEach(() => {
  tmp = makeTempDir();
  data = file('village');
  county = file('county');
  expect(terminal('init', '--demo').code).toBe(0);
  expect(hub('init').code).toBe(0);
  session = terminal(
    'session',
    'start',
    '--kind',
    'collective',
    '--title',
    '集中学习',
  ).stdout.trim();
  checkIn('张国庆');
  checkIn('李秀英');
});
afterEach(() => tmp.cleanup());

describe('USB bundles', () => {
  it('carries a payload whose raw Ed25519 signature openssl verifies with the bundled key', () => {
    expect(exportBundle('b.zip')).toMatchObject({ fromSeq: 1, toSeq: 2, records: 2 });
    const dir = file('unzipped');
    expect(spawnSync('unzip', ['-q', file('b.zip'), '-d', dir]).status).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['payload.json', 'payload.sig', 'terminal.pub']);
    expect(fs.statSync(path.join(dir, 'payload.sig')).size).toBe(64);
    const openssl = (payload: string) =>
      spawnSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          path.join(dir, 'terminal.pub'),
          '-rawin',
          '-in',
          payload,
          '-sigfile',
          path.join(dir, 'payload.sig'),
        ],
        { encoding: 'utf8' },
      );
    const ok = openssl(path.join(dir, 'payload.json'));
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Signature Verified Successfully');
    // The public key in the bundle is the terminal's own.
    expect(fs.readFileSync(path.join(dir, 'terminal.pub'), 'utf8')).toBe(
      fs.readFileSync(path.join(data, 'keys', 'terminal.pub'), 'utf8'),
    );
    const payload = JSON.parse(fs.readFileSync(path.join(dir, 'payload.json'), 'utf8'));
    expect(payload.records.map((r: { seq: number }) => r.seq)).toEqual([1, 2]);
    const altered = path.join(dir, 'altered.json');
    fs.writeFileSync(
      altered,
      fs.readFileSync(path.join(dir, 'payload.json'), 'utf8').replace('张国庆', '张国强'),
    );
    expect(openssl(altered).status).not.toBe(0);
  });

  it('is refused from an unknown terminal, accepted once its key is trusted, refused when replayed', () => {
    exportBundle('b1.zip');
    const unknown = hub('import', 'bundle', file('b1.zip'), '--verify-only');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('数据包来自未登记的终端');
    expect(
      hub('terminals', 'trust', path.join(data, 'keys', 'terminal.pub'), '--name', '向阳村').code,
    ).toBe(0);
    const ok = hub('import', 'bundle', file('b1.zip'), '--verify-only', '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      verified: true,
      imported: false,
      fromSeq: 1,
      toSeq: 2,
    });
    // Verifying twice is not a replay; receiving twice is.
    expect(hub('import', 'bundle', file('b1.zip'), '--verify-only').code).toBe(0);
    expect(hub('import', 'bundle', file('b1.zip')).code).toBe(0);
    const replay = hub('import', 'bundle', file('b1.zip'), '--verify-only', '--lang', 'en');
    expect(replay.code).toBe(1);
    expect(replay.stderr).toContain('is a repeat');

    // The next bundle holds only what came since, and continues the chain.
    checkIn('王建军');
    expect(exportBundle('b2.zip')).toMatchObject({ fromSeq: 3, toSeq: 3, records: 1 });
    expect(hub('import', 'bundle', file('b2.zip')).code).toBe(0);
    expect(exportBundle('all.zip', '--all')).toMatchObject({ fromSeq: 1, toSeq: 3 });
    expect(hub('import', 'bundle', file('all.zip'), '--verify-only').stderr).toContain('是重复的');
  });

  it('refuses an altered payload, a truncated file and a bundle re-signed by another key', () => {
    exportBundle('b.zip');
    hub('terminals', 'trust', path.join(data, 'keys', 'terminal.pub'));
    const entries = unzipSync(fs.readFileSync(file('b.zip')));
    const text = strFromU8(entries['payload.json']!).replace('"check-in"', '"excused"');
    fs.writeFileSync(file('altered.zip'), zipSync({ ...entries, 'payload.json': strToU8(text) }));
    const altered = hub('import', 'bundle', file('altered.zip'), '--verify-only');
    expect(altered.code).toBe(1);
    expect(altered.stderr).toContain('签名对不上');

    const bytes = fs.readFileSync(file('b.zip'));
    fs.writeFileSync(file('cut.zip'), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const cut = hub('import', 'bundle', file('cut.zip'), '--verify-only');
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('不是完整的学习站数据包');

    // A second terminal's key over the same payload: genuine signature, unknown terminal.
    const other = file('other');
    expect(at(other)('init').code).toBe(0);
    expect(at(other)('export', 'bundle', '--out', file('other.zip')).code).toBe(0);
    const foreign = hub('import', 'bundle', file('other.zip'), '--verify-only');
    expect(foreign.stderr).toContain('未登记的终端');
  });

  it('a database edited before export yields a bundle whose chain is refused', () => {
    const db = path.join(data, 'station.db');
    expect(
      spawnSync('sqlite3', [db, "UPDATE attendance_records SET recorded_by = 'x' WHERE id = 1"])
        .status,
    ).toBe(0);
    exportBundle('b.zip');
    hub('terminals', 'trust', path.join(data, 'keys', 'terminal.pub'));
    const r = hub('import', 'bundle', file('b.zip'), '--verify-only');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('记录链断了（第 1 条）');
    // And the terminal itself names the record.
    expect(terminal('evidence', 'verify').stdout).toContain(
      '第 1 条记录（attendance_records 编号 1）',
    );
  });
});

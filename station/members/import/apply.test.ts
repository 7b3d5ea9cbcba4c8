import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/helpers/temp-dir.js';
import { migrate } from '../../db/migrate.js';
import { openDatabase, type Db } from '../../db/open.js';
import { listMembers } from '../repository.js';
import { importRosterFile, stationToday } from './apply.js';

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test/fixtures/rosters',
);
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const NOW = new Date('2026-03-15T04:00:00Z');

let tmp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeEach(() => {
  tmp = makeTempDir();
  db = openDatabase(path.join(tmp.dir, 'station.db'));
  migrate(db);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const importFile = (name: string, dryRun = false) =>
  importRosterFile(db, fixture(name), { now: NOW, dryRun });

describe('importRosterFile', () => {
  it('imports a roster with every field', async () => {
    const outcome = await importFile('roster-gbk.csv');
    expect(outcome.applied).toBe(true);
    expect(outcome.plan.counts).toEqual({ created: 8, updated: 0, unchanged: 0 });
    const members = listMembers(db);
    expect(members.map((m) => m.name).sort()).toEqual(
      ['张国庆', '李秀英', '王建军', '欧阳娜娜', '赵德柱', '刘喆', '陈芳', '周淑珍'].sort(),
    );
    expect(members.find((m) => m.name === '欧阳娜娜')).toMatchObject({
      gender: 'female',
      birthDate: '1990-01-15',
      joinedOn: '2018-07-01',
      status: 'full',
      role: 'committee',
      roleTitle: '宣传委员',
      phone: null,
      isMobile: true,
      worksIn: '广东省东莞市',
      cardCode: 'XY0004',
      state: 'active',
    });
    expect(members.find((m) => m.name === '刘喆')).toMatchObject({
      status: 'probationary',
      role: 'member',
      roleTitle: null,
    });
    expect(members[0]).toMatchObject({ name: '张国庆', role: 'secretary' });
  });

  it('refuses a roster with problems and writes nothing, not even its good rows', async () => {
    const outcome = await importFile('roster-bad.csv');
    expect(outcome.applied).toBe(false);
    expect(outcome.plan.problems.map((p) => [p.row, p.key])).toEqual([
      [3, 'nameMissing'],
      [4, 'dateImpossible'],
      [5, 'cardDuplicateInFile'],
      [6, 'roleUnknown'],
    ]);
    expect(listMembers(db)).toEqual([]);
  });

  it('previews without writing', async () => {
    const outcome = await importFile('roster-utf8.csv', true);
    expect(outcome.applied).toBe(false);
    expect(outcome.plan.counts.created).toBe(8);
    expect(listMembers(db)).toEqual([]);
  });

  it('re-imports by card or name + birth date: updates, adds, never duplicates or deletes', async () => {
    await importFile('roster-utf8.csv');
    const before = listMembers(db);
    const later = new Date(NOW.getTime() + 60_000);
    const outcome = await importRosterFile(db, fixture('roster-update.csv'), {
      now: later,
      dryRun: false,
    });
    expect(outcome.plan.problems).toEqual([]);
    expect(outcome.plan.counts).toEqual({ created: 1, updated: 2, unchanged: 1 });
    const after = listMembers(db);
    expect(after).toHaveLength(9);
    const byName = new Map(after.map((m) => [m.name, m]));
    const zhang = before.find((m) => m.name === '张国庆')!;
    expect(byName.get('张国庆')).toEqual({
      ...zhang,
      phone: '13907319999',
      updatedAt: later.toISOString(),
    });
    expect(byName.get('李秀英')).toMatchObject({
      isMobile: true,
      worksIn: '湖南省长沙市',
      cardCode: 'XY0002', // a blank card cell kept the card
      phone: '13807310002',
    });
    expect(byName.get('黄小燕')).toMatchObject({ birthDate: '2000-08-08', cardCode: 'XY0009' });
    // Members absent from the file are exactly as they were.
    for (const m of before.filter((x) => !['张国庆', '李秀英'].includes(x.name))) {
      expect(byName.get(m.name)).toEqual(m);
    }
    const again = await importFile('roster-utf8.csv');
    expect(again.plan.counts).toEqual({ created: 0, updated: 2, unchanged: 6 });
    expect(listMembers(db)).toHaveLength(9);
  });

  it('reads the same roster from every format into the same members', async () => {
    const snapshot = () =>
      listMembers(db).map(({ id: _id, createdAt: _c, updatedAt: _u, ...m }) => m);
    await importFile('roster-utf8.csv');
    const expected = snapshot();
    for (const file of [
      'roster-utf8-bom.csv',
      'roster-gbk.csv',
      'roster-utf16le.csv',
      'roster-exceljs.xlsx',
      'roster-libreoffice.xlsx',
    ]) {
      const outcome = await importFile(file);
      expect({ file, counts: outcome.plan.counts }).toEqual({
        file,
        counts: { created: 0, updated: 0, unchanged: 8 },
      });
    }
    expect(snapshot()).toEqual(expected);
  });

  it('is all or nothing when a write fails part way', async () => {
    // A trigger stands in for a failing disk: the fifth insert aborts the statement.
    db.exec(`CREATE TRIGGER fail_fifth BEFORE INSERT ON members
             WHEN (SELECT count(*) FROM members) >= 4
             BEGIN SELECT RAISE(ABORT, 'disk gone'); END`);
    await expect(importFile('roster-utf8.csv')).rejects.toThrow('disk gone');
    expect(listMembers(db)).toEqual([]);
  });

  it('bounds dates by today in the station’s time zone', () => {
    // 2026-03-14 23:30 UTC is already the 15th in Shanghai.
    expect(stationToday(db, new Date('2026-03-14T23:30:00Z'))).toBe('2026-03-15');
  });
});

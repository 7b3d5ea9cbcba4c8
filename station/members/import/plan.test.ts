import { describe, expect, it } from 'vitest';
import type { Member } from '../repository.js';
import type { ParsedRoster, ParsedRow, RosterValues } from './parse-roster.js';
import { planImport } from './plan.js';

function member(id: number, m: Partial<Member> & { name: string }): Member {
  return {
    id,
    gender: null,
    birthDate: null,
    joinedOn: null,
    status: 'full',
    role: 'member',
    roleTitle: null,
    phone: null,
    isMobile: false,
    worksIn: null,
    cardCode: null,
    state: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...m,
  };
}

function roster(...rows: (RosterValues | ParsedRow)[]): ParsedRoster {
  return {
    format: 'csv',
    headerRow: 1,
    columns: { name: { index: 0, header: '姓名' }, cardCode: { index: 1, header: '卡号' } },
    rows: rows.map((r, i) => ('values' in r ? r : { row: i + 2, values: r, valid: true })),
    problems: [],
    warnings: [],
  };
}

const ZHANG = member(1, { name: '张国庆', birthDate: '1962-03-08', cardCode: 'A1', phone: '1' });
const WANG = member(2, { name: '王芳', birthDate: '1970-05-12' });
const LI = member(3, { name: '李明', cardCode: 'A3' });

const where = (p: ReturnType<typeof planImport>) =>
  p.problems.map((x) => `${x.row}:${x.column}:${x.key}`);

describe('planImport', () => {
  it('creates new members with the roster defaults for blank cells', () => {
    const p = planImport(roster({ name: '赵德柱', cardCode: 'B1' }), [ZHANG]);
    expect(p.problems).toEqual([]);
    expect(p.actions).toEqual([
      {
        row: 2,
        action: 'create',
        member: {
          name: '赵德柱',
          gender: null,
          birthDate: null,
          joinedOn: null,
          status: 'full',
          role: 'member',
          roleTitle: null,
          phone: null,
          isMobile: false,
          worksIn: null,
          cardCode: 'B1',
        },
      },
    ]);
    expect(p.counts).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });

  it('updates by card code, changing only what the row states; absent members are untouched', () => {
    const p = planImport(roster({ name: '张国庆', cardCode: 'A1', phone: '2' }), [ZHANG, WANG, LI]);
    expect(p.actions).toEqual([{ row: 2, action: 'update', id: 1, changes: { phone: '2' } }]);
    expect(p.counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
  });

  it('updates by name + birth date when there is no card, giving the member the new card', () => {
    const p = planImport(roster({ name: '王芳', birthDate: '1970-05-12', cardCode: 'A2' }), [
      ZHANG,
      WANG,
    ]);
    expect(p.actions).toEqual([{ row: 2, action: 'update', id: 2, changes: { cardCode: 'A2' } }]);
  });

  it('counts a row that says nothing new as unchanged', () => {
    const p = planImport(roster({ name: '张国庆', cardCode: 'A1', birthDate: '1962-03-08' }), [
      ZHANG,
    ]);
    expect(p.actions).toEqual([{ row: 2, action: 'unchanged', id: 1 }]);
    expect(p.counts).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('accepts a name corrected on a card whose birth date agrees', () => {
    const p = planImport(roster({ name: '张国清', cardCode: 'A1', birthDate: '1962-03-08' }), [
      ZHANG,
    ]);
    expect(p.actions).toEqual([{ row: 2, action: 'update', id: 1, changes: { name: '张国清' } }]);
  });

  it('fills in a birth date the station did not have', () => {
    const p = planImport(roster({ name: '李明', birthDate: '1980-01-01' }), [LI]);
    expect(p.actions).toEqual([
      { row: 2, action: 'update', id: 3, changes: { birthDate: '1980-01-01' } },
    ]);
  });

  it('refuses a card code used twice in the file', () => {
    const p = planImport(
      roster({ name: '赵德柱', cardCode: 'B1' }, { name: '孙丽', cardCode: 'B1' }),
      [],
    );
    expect(where(p)).toEqual(['3:卡号:cardDuplicateInFile']);
    expect(p.problems[0]!.params).toEqual({ card: 'B1', other: 2 });
  });

  it('refuses a card that belongs to another member', () => {
    const p = planImport(roster({ name: '孙丽', birthDate: '1982-04-04', cardCode: 'A1' }), [
      ZHANG,
    ]);
    expect(where(p)).toEqual(['2:卡号:cardTakenByOther']);
    expect(p.problems[0]!.params).toEqual({ card: 'A1', owner: '张国庆', id: 1 });
    expect(p.actions).toEqual([]);
  });

  it('refuses a card when the row is plainly another existing member', () => {
    const twin = member(4, { name: '张国庆', birthDate: '1975-01-01' });
    const p = planImport(roster({ name: '张国庆', birthDate: '1975-01-01', cardCode: 'A1' }), [
      ZHANG,
      twin,
    ]);
    expect(where(p)).toEqual(['2:卡号:cardTakenByOther']);
  });

  it('says so when a name + birth date could be either of two members', () => {
    const a = member(5, { name: '王芳', birthDate: '1970-05-12' });
    const p = planImport(roster({ name: '王芳', birthDate: '1970-05-12' }), [WANG, a]);
    expect(where(p)).toEqual(['2:姓名:ambiguousMatch']);
    expect(p.problems[0]!.params).toEqual({ name: '王芳', count: 2, ids: '2、5' });
  });

  it('asks for a birth date rather than guess whether a same-named row is the known member', () => {
    const p = planImport(roster({ name: '王芳', phone: '3' }), [WANG]);
    expect(where(p)).toEqual(['2:出生日期:birthDateNeeded']);
  });

  it('refuses one member on two rows', () => {
    const p = planImport(
      roster({ name: '张国庆', cardCode: 'A1' }, { name: '张国庆', birthDate: '1962-03-08' }),
      [ZHANG],
    );
    expect(where(p)).toEqual(['3:姓名:samePersonTwice']);
  });

  it('refuses one new person on two rows', () => {
    const p = planImport(
      roster(
        { name: '黄小燕', birthDate: '2000-08-08' },
        { name: '黄小燕', birthDate: '2000-08-08' },
      ),
      [],
    );
    expect(where(p)).toEqual(['3:姓名:samePersonTwice']);
  });

  it('still reports a taken card on a row that has other problems', () => {
    const p = planImport(
      roster({ row: 2, values: { name: '孙丽', cardCode: 'A1' }, valid: false }),
      [ZHANG],
    );
    expect(where(p)).toEqual(['2:卡号:cardTakenByOther']);
    expect(p.actions).toEqual([]);
  });
});

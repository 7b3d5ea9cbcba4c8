import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../../test/helpers/temp-dir.js';
import { runCli } from '../main.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

async function cli(args: string[], now = '2026-12-01T08:00:00+08:00') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data', tmp.dir], {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    env: { STATION_FAKE_NOW: now },
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function json(args: string[], now?: string) {
  const r = await cli([...args, '--json'], now);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('station schedule', () => {
  it('adds a second-Saturday plan and lists it with offsets', async () => {
    const plan = await json([
      'schedule',
      'add',
      '--kind',
      'collective',
      '--title',
      '每月集中学习',
      '--start',
      '2027-01-09T09:00',
      '--duration',
      '90',
      '--rrule',
      'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2',
    ]);
    expect(plan).toMatchObject({ id: 1, start: '2027-01-09T09:00:00+08:00', durationMinutes: 90 });
    const list = await json(['schedule', 'list', '--from', '2027-01-01', '--to', '2027-03-13']);
    expect(list).toEqual({
      occurrences: [
        expect.objectContaining({
          start: '2027-01-09T09:00:00+08:00',
          end: '2027-01-09T10:30:00+08:00',
          planId: 1,
          kind: 'collective',
          title: '每月集中学习',
          status: 'scheduled',
        }),
        expect.objectContaining({ start: '2027-02-13T09:00:00+08:00' }),
        expect.objectContaining({ start: '2027-03-13T09:00:00+08:00' }),
      ],
    });
  });

  it('moves and cancels one occurrence with a reason', async () => {
    await json([
      'schedule',
      'add',
      '--kind',
      'collective',
      '--title',
      '集中学习',
      '--start',
      '2027-01-09T09:00:00+08:00',
      '--duration',
      '60',
      '--rrule',
      'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2',
    ]);
    await json([
      'schedule',
      'move',
      '1',
      '--at',
      '2027-02-13T09:00',
      '--to',
      '2027-02-20T14:00',
      '--reason',
      '春节',
    ]);
    await json(['schedule', 'cancel', '1', '--at', '2027-03-13T09:00', '--reason', '农忙']);
    const { occurrences } = (await json([
      'schedule',
      'list',
      '--from',
      '2027-01-01',
      '--to',
      '2027-04-30',
    ])) as {
      occurrences: { start: string; status: string; reason: string | null }[];
    };
    expect(occurrences.map((o) => [o.start, o.status, o.reason])).toEqual([
      ['2027-01-09T09:00:00+08:00', 'scheduled', null],
      ['2027-02-20T14:00:00+08:00', 'moved', '春节'],
      ['2027-03-13T09:00:00+08:00', 'cancelled', '农忙'],
      ['2027-04-10T09:00:00+08:00', 'scheduled', null],
    ]);
    const wrong = await cli([
      'schedule',
      'cancel',
      '1',
      '--at',
      '2027-03-14T09:00',
      '--reason',
      'x',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('没有安排活动');
  });

  it('flags holidays from the shipped table and from a county override', async () => {
    await json(
      [
        'schedule',
        'add',
        '--kind',
        'theme-day',
        '--title',
        '主题党日',
        '--start',
        '2026-10-01T09:00',
        '--duration',
        '120',
        '--dates',
        '2026-10-10',
      ],
      '2026-09-01T08:00:00+08:00',
    );
    let list = (await json(['schedule', 'list', '--from', '2026-10-01', '--to', '2026-10-31'])) as {
      occurrences: { holiday: string | null; workdaySwap: string | null }[];
    };
    expect(list.occurrences.map((o) => [o.holiday, o.workdaySwap])).toEqual([
      ['国庆节', null],
      [null, '国庆节调休上班'],
    ]);
    fs.mkdirSync(path.join(tmp.dir, 'calendar'));
    fs.writeFileSync(
      path.join(tmp.dir, 'calendar', 'holidays-cn.json'),
      JSON.stringify({ format: 1, years: { 2026: { holidays: { '2026-10-10': '县里的节日' } } } }),
    );
    list = (await json([
      'schedule',
      'list',
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-31',
    ])) as typeof list;
    expect(list.occurrences.map((o) => o.holiday)).toEqual([null, '县里的节日']);
    fs.writeFileSync(path.join(tmp.dir, 'calendar', 'holidays-cn.json'), '{"format":1');
    const broken = await cli(['schedule', 'list', '--from', '2026-10-01', '--to', '2026-10-31']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('节假日文件');
  });

  it.each([
    [['--rrule', 'FREQ=MONTHLY;BYDAY=XX'], '重复规则'],
    [['--duration', '0'], '时长'],
    [['--start', '2027-02-30T09:00'], '开始时间'],
    [['--days', '3'], '冬春训应安排在'],
  ])('refuses bad input %j with a clear error', async (extra, message) => {
    const base = [
      '--kind',
      'collective',
      '--title',
      'x',
      '--start',
      '2027-07-01T09:00',
      '--duration',
      '60',
    ];
    const args = [...base];
    for (let i = 0; i < extra.length; i += 2) {
      const at = args.indexOf(extra[i]!);
      if (at >= 0) args[at + 1] = extra[i + 1]!;
      else args.push(extra[i]!, extra[i + 1]!);
    }
    const r = await cli(['schedule', 'add', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  });

  it('refuses a start in a DST gap when the station is in New York', async () => {
    expect((await cli(['config', 'set', 'timeZone', 'America/New_York'])).code).toBe(0);
    const r = await cli([
      'schedule',
      'add',
      '--kind',
      'collective',
      '--title',
      'x',
      '--start',
      '2027-03-14T02:30',
      '--duration',
      '60',
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('does not exist in America/New_York');
  });

  it('adds a 3-day 冬春训 block inside the season', async () => {
    await json([
      'schedule',
      'add',
      '--kind',
      'winter-spring',
      '--title',
      '冬春训',
      '--start',
      '2027-01-18T08:30',
      '--duration',
      '360',
      '--days',
      '3',
    ]);
    const { occurrences } = (await json([
      'schedule',
      'list',
      '--from',
      '2027-01-01',
      '--to',
      '2027-01-31',
    ])) as {
      occurrences: { start: string; blockDay: number }[];
    };
    expect(occurrences.map((o) => [o.start, o.blockDay])).toEqual([
      ['2027-01-18T08:30:00+08:00', 1],
      ['2027-01-19T08:30:00+08:00', 2],
      ['2027-01-20T08:30:00+08:00', 3],
    ]);
  });

  it('removes a plan entered by mistake, keeping the row', async () => {
    await json([
      'schedule',
      'add',
      '--kind',
      'collective',
      '--title',
      '错的',
      '--start',
      '2027-01-09T09:00',
      '--duration',
      '60',
      '--rrule',
      'FREQ=WEEKLY',
    ]);
    const noReason = await cli(['schedule', 'remove', '1']);
    expect(noReason.code).toBe(2);
    await json(['schedule', 'remove', '1', '--reason', '录入错误']);
    expect(await json(['schedule', 'list', '--from', '2027-01-01', '--to', '2027-03-01'])).toEqual({
      occurrences: [],
    });
    const again = await cli(['schedule', 'remove', '1', '--reason', 'x']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('没有编号为 1 的学习计划');
  });

  it('needs both ends of the list window', async () => {
    const r = await cli(['schedule', 'list', '--from', '2027-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--to');
  });
});

/**
 * Scheduling end to end: a plan added with the CLI appears on the kiosk's home screen (next
 * session, countdown, reminder banner), the organizer starts it from the banner with one press
 * after the PIN, and the plan is on the organizer's calendar, where a remote moves one occurrence.
 */
import { describe, expect, it } from 'vitest';
import { station } from '../helpers/station-process.js';
import {
  openKiosk,
  press,
  screenshot,
  text,
  waitForFocus,
  moveFocusTo,
  unlockFromHome,
  enterPin,
  useKiosk,
} from './harness.js';

const kiosk = useKiosk({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });

/** ISO with +08:00 for an instant, whole minutes (the station's zone is Asia/Shanghai). */
function shanghai(ms: number): string {
  const d = new Date(Math.floor(ms / 60_000) * 60_000 + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

function addPlan(...args: string[]) {
  const r = station(['schedule', 'add', ...args, '--data', kiosk.target.dataDir, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { id: number; start: string };
}

describe('scheduling on the kiosk', () => {
  it('shows a CLI-added plan on the home screen and starts it from the banner after the PIN', async () => {
    const start = shanghai(Date.now() + 40 * 60_000);
    addPlan(
      '--kind',
      'collective',
      '--title',
      '本月集中学习',
      '--start',
      start,
      '--duration',
      '90',
      '--rrule',
      'FREQ=MONTHLY',
    );

    await openKiosk(kiosk.page, kiosk.target);
    expect(await text(kiosk.page, 'next-session-title')).toBe('本月集中学习');
    expect(await text(kiosk.page, 'next-session-countdown')).toMatch(/^还有 (3\d|40) 分钟$/);
    await kiosk.page.getByTestId('due-card').waitFor();
    expect(await text(kiosk.page, 'due-card')).toContain('本月集中学习');
    const banner = kiosk.page.getByTestId('reminder-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-stage')).toBe('hour-before');
    expect(await banner.innerText()).toContain('一小时内开始：本月集中学习');
    await screenshot(kiosk.page, 'home-reminder-1366x768.png');

    // One press on the banner, then the organizer PIN: the session starts.
    await kiosk.page.getByTestId('reminder-start').focus();
    await press(kiosk.page, 'Enter');
    await waitForFocus(kiosk.page, 'key-1');
    await enterPin(kiosk.page, '1234');
    await kiosk.page.getByTestId('organizer-notice').waitFor();
    expect(await text(kiosk.page, 'organizer-notice')).toBe('已开始学习活动：本月集中学习');
    const { body } = await kiosk.target.rpc('getHome');
    expect((body as { value: { due: { month: { status: string } } } }).value.due.month.status).toBe(
      'held',
    );
  });

  it('lists the plan on the calendar and moves one occurrence with the remote', async () => {
    const today = (
      (await kiosk.target.rpc('getHome')).body as {
        value: { today: { year: number; month: number } };
      }
    ).value.today;
    const pad = (n: number) => String(n).padStart(2, '0');
    const month = `${today.year}-${pad(today.month)}`;
    addPlan(
      '--kind',
      'collective',
      '--title',
      '每月集中学习',
      '--start',
      `${month}-20T09:00`,
      '--duration',
      '90',
      '--rrule',
      'FREQ=MONTHLY;BYMONTHDAY=20',
    );
    addPlan(
      '--kind',
      'party-lecture',
      '--title',
      '书记讲党课',
      '--start',
      `${month}-25T14:30`,
      '--duration',
      '120',
    );

    await openKiosk(kiosk.page, kiosk.target);
    await unlockFromHome(kiosk.page, 'organizer');
    await waitForFocus(kiosk.page, 'lock');
    await moveFocusTo(kiosk.page, 'tile-calendar');
    await press(kiosk.page, 'Enter');
    await kiosk.page.getByTestId('calendar-screen').waitFor();
    await kiosk.page.getByTestId('calendar-list').waitFor();
    const items = await kiosk.page.getByTestId('calendar-occurrence').allInnerTexts();
    expect(items.join('\n')).toContain('每月集中学习');
    expect(items.join('\n')).toContain('书记讲党课');
    await screenshot(kiosk.page, 'calendar.png', 'calendar.png');

    // Move the 20th by a day with the remote: day → occurrence → move → later → confirm.
    await kiosk.page.getByTestId('calendar-day-20').focus();
    await press(kiosk.page, 'Enter', 'calendar-occurrence'); // the day's first occurrence
    await press(kiosk.page, 'Enter', 'calendar-move');
    await press(kiosk.page, 'Enter');
    await kiosk.page.getByTestId('calendar-move-form').waitFor();
    await press(kiosk.page, 'ArrowRight', 'calendar-later');
    await press(kiosk.page, 'Enter');
    expect(await text(kiosk.page, 'calendar-move-target')).toContain(`${month}-21 09:00`);
    await kiosk.page.getByTestId('calendar-confirm').focus();
    await press(kiosk.page, 'Enter');
    await kiosk.page.getByTestId('calendar-list').waitFor();
    const list = JSON.parse(
      station([
        'schedule',
        'list',
        '--from',
        `${month}-01`,
        '--to',
        `${month}-28`,
        '--data',
        kiosk.target.dataDir,
        '--json',
      ]).stdout,
    ) as { occurrences: { start: string; status: string; reason: string | null }[] };
    expect(list.occurrences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          start: `${month}-21T09:00:00+08:00`,
          status: 'moved',
          reason: '农忙',
        }),
      ]),
    );
    // Add a one-off session on the 10th from the calendar's form.
    await kiosk.page.getByTestId('calendar-day-10').focus();
    await press(kiosk.page, 'Enter', 'calendar-add');
    await press(kiosk.page, 'Enter', 'calendar-title');
    await kiosk.page.getByTestId('calendar-title').fill('党课：学习党章');
    await kiosk.page.getByTestId('calendar-time').fill('15:00');
    await kiosk.page.getByTestId('calendar-save').focus();
    await press(kiosk.page, 'Enter');
    await kiosk.page.getByTestId('calendar-list').waitFor();
    expect(
      (await kiosk.page.getByTestId('calendar-occurrence').allInnerTexts()).join('\n'),
    ).toContain('党课：学习党章');
    const added = JSON.parse(
      station([
        'schedule',
        'list',
        '--from',
        `${month}-10`,
        '--to',
        `${month}-10`,
        '--data',
        kiosk.target.dataDir,
        '--json',
      ]).stdout,
    ) as { occurrences: { start: string; title: string }[] };
    expect(added.occurrences).toEqual([
      expect.objectContaining({ start: `${month}-10T15:00:00+08:00`, title: '党课：学习党章' }),
    ]);

    // Back leaves the calendar for the organizer page, still unlocked.
    await press(kiosk.page, 'Escape');
    await kiosk.page.getByTestId('organizer-screen').waitFor();
  });
});

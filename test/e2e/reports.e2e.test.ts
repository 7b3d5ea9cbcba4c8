import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { station } from '../helpers/station-process.js';
import {
  launchChromium,
  openKiosk,
  press,
  screenshot,
  startStation,
  stopAllStations,
  text,
  waitForFocus,
  watchPage,
  type PageWatch,
  type RunningStation,
  moveFocusTo,
  unlockFromHome,
} from './harness.js';

const TV = { width: 1920, height: 1080 };
const HELD = [1, 2, 4, 5, 6, 8, 9, 10, 11, 12]; // last year, no collective study in March and July

let browser: Browser;
let context: BrowserContext;
let page: Page;
let target: RunningStation;
let watch: PageWatch;
let lastYear: number;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await stopAllStations();
  await browser?.close();
});

beforeEach(async () => {
  target = await startStation();
  const { body } = await target.rpc('getHome');
  lastYear = (body as { value: { today: { year: number } } }).value.today.year - 1;
  // Last year's sessions, entered with the real CLI beside the running service (WAL).
  const run = (...args: string[]) => {
    const r = station([...args, '--data', target.dataDir]);
    if (r.code !== 0) throw new Error(`station ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  for (const m of HELD) {
    const day = `${lastYear}-${String(m).padStart(2, '0')}-10`;
    const id = run(
      'session',
      'start',
      '--kind',
      'collective',
      '--title',
      `${m}月学习`,
      '--at',
      `${day}T09:00:00+08:00`,
    );
    run('checkin', id, '杨德明', '--at', `${day}T09:00:00+08:00`);
    run('session', 'end', id, '--at', `${day}T12:00:00+08:00`);
  }
  context = await browser.newContext({ viewport: TV, locale: 'en-US' });
  page = await context.newPage();
  watch = watchPage(page, target.origin);
}, 60_000);

afterEach(async () => {
  await context?.close();
  expect(await target.stop()).toBe(0);
  expect(watch.errors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

describe('the year page and member page behind the organizer PIN', () => {
  it('shows missed months and members below target, reached with the remote alone', async () => {
    await openKiosk(page, target);
    await unlockFromHome(page, 'organizer');

    // From the page's first focus to the 学时统计 tile with the arrows.
    await waitForFocus(page, 'lock');
    await moveFocusTo(page, 'tile-reports');
    expect(await text(page, 'tile-reports')).toContain('学时统计');
    await press(page, 'Enter');
    await page.getByTestId('year-report-screen').waitFor();

    // This year first; the header's 上一年 goes to last year.
    await page.getByTestId('month-row').waitFor();
    await page.getByTestId('prev-year').focus();
    await press(page, 'Enter');
    await page.getByText(`${lastYear} 年度学习情况`).waitFor();
    await page.getByTestId(`month-${lastYear}-03`).waitFor();

    const statuses = await page
      .getByTestId('month-row')
      .locator('li')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-status')));
    expect(statuses).toEqual(
      Array.from({ length: 12 }, (_, i) => (HELD.includes(i + 1) ? 'held' : 'missed')),
    );
    expect(await text(page, `month-${lastYear}-03`)).toContain('缺学');
    expect(await text(page, 'missed-summary')).toBe('缺学 2 个月：3、7');
    // 杨德明 has 10 × 4 = 40 of 32; the other 29 are below target.
    expect(await text(page, 'below-title')).toBe('学时未达标：29 名（共 30 名）');
    expect(await page.getByTestId('below-list').innerText()).not.toContain('杨德明');
    await screenshot(page, 'year-report.png');

    // Into the list with the arrows (Down from the header reaches the side column, Left the
    // list), then a member's page, and Back again.
    await waitForFocus(page, 'prev-year');
    await press(page, 'ArrowDown', 'year-side');
    await press(page, 'ArrowLeft');
    await page.waitForFunction(() =>
      document.activeElement?.getAttribute('data-testid')?.startsWith('below-'),
    );
    const first = await page.evaluate(() => document.activeElement?.textContent ?? '');
    await press(page, 'Enter');
    await page.getByTestId('member-report-screen').waitFor();
    await page.getByTestId('member-stats').waitFor(); // loaded, not the loading state
    expect(await page.getByTestId('member-report-screen').innerText()).toContain(first.slice(0, 3));
    expect(await text(page, 'member-hours')).toBe('0');
    expect(await page.getByTestId('member-absences').innerText()).toContain('缺席（10 次）');
    await screenshot(page, 'member-report.png');
    await press(page, 'Escape');
    await page.getByTestId('year-report-screen').waitFor();
  });

  it('opens a member page from a member tile on the organizer page', async () => {
    await openKiosk(page, target);
    await unlockFromHome(page, 'organizer');
    const { body } = await target.rpc('unlock', { role: 'organizer', pin: '1234' });
    const grant = (body as { value: { grant: string } }).value.grant;
    const overview = await target.rpc('getOrganizerOverview', { grant });
    const yang = (
      overview.body as { value: { members: { id: number; name: string }[] } }
    ).value.members.find((m) => m.name === '杨德明')!;
    await page.getByTestId(`member-${yang.id}`).focus();
    await press(page, 'Enter');
    await page.getByTestId('member-report-screen').waitFor();
    await page.getByTestId('member-stats').waitFor(); // loaded, not the loading state
    // This year: nothing yet. Back returns to the organizer page, still unlocked.
    expect(await page.getByTestId('member-report-screen').innerText()).toContain('杨德明');
    await press(page, 'Escape');
    await page.getByTestId('organizer-screen').waitFor();
    await page.getByTestId('member-list').waitFor();
  });
});

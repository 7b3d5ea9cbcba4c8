import { beforeEach, describe, expect, it } from 'vitest';
import { station } from '../helpers/station-process.js';
import {
  openKiosk,
  press,
  screenshot,
  text,
  waitForFocus,
  moveFocusTo,
  unlockFromHome,
  useKiosk,
} from './harness.js';

const TV = { width: 1920, height: 1080 };
const HELD = [1, 2, 4, 5, 6, 8, 9, 10, 11, 12]; // last year, no collective study in March and July

const kiosk = useKiosk({ viewport: TV, locale: 'en-US' });
let lastYear: number;

beforeEach(async () => {
  const { body } = await kiosk.target.rpc('getHome');
  lastYear = (body as { value: { today: { year: number } } }).value.today.year - 1;
  // Last year's sessions, entered with the real CLI beside the running service (WAL).
  const run = (...args: string[]) => {
    const r = station([...args, '--data', kiosk.target.dataDir]);
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
}, 60_000);

describe('the year page and member page behind the organizer PIN', () => {
  it('shows missed months and members below target, reached with the remote alone', async () => {
    await openKiosk(kiosk.page, kiosk.target);
    await unlockFromHome(kiosk.page, 'organizer');

    // From the page's first focus to the 学时统计 tile with the arrows.
    await waitForFocus(kiosk.page, 'lock');
    await moveFocusTo(kiosk.page, 'tile-reports');
    expect(await text(kiosk.page, 'tile-reports')).toContain('学时统计');
    await press(kiosk.page, 'Enter');
    await kiosk.page.getByTestId('year-report-screen').waitFor();

    // This year first; the header's 上一年 goes to last year.
    await kiosk.page.getByTestId('month-row').waitFor();
    await kiosk.page.getByTestId('prev-year').focus();
    await press(kiosk.page, 'Enter');
    await kiosk.page.getByText(`${lastYear} 年度学习情况`).waitFor();
    await kiosk.page.getByTestId(`month-${lastYear}-03`).waitFor();

    const statuses = await kiosk.page
      .getByTestId('month-row')
      .locator('li')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-status')));
    expect(statuses).toEqual(
      Array.from({ length: 12 }, (_, i) => (HELD.includes(i + 1) ? 'held' : 'missed')),
    );
    expect(await text(kiosk.page, `month-${lastYear}-03`)).toContain('缺学');
    expect(await text(kiosk.page, 'missed-summary')).toBe('缺学 2 个月：3、7');
    // 杨德明 has 10 × 4 = 40 of 32; the other 29 are below target.
    expect(await text(kiosk.page, 'below-title')).toBe('学时未达标：29 名（共 30 名）');
    expect(await kiosk.page.getByTestId('below-list').innerText()).not.toContain('杨德明');
    await screenshot(kiosk.page, 'year-report.png');

    // Into the list with the arrows (Down from the header reaches the side column, Left the
    // list), then a member's page, and Back again.
    await waitForFocus(kiosk.page, 'prev-year');
    await press(kiosk.page, 'ArrowDown', 'year-side');
    await press(kiosk.page, 'ArrowLeft');
    await kiosk.page.waitForFunction(() =>
      document.activeElement?.getAttribute('data-testid')?.startsWith('below-'),
    );
    const first = await kiosk.page.evaluate(() => document.activeElement?.textContent ?? '');
    await press(kiosk.page, 'Enter');
    await kiosk.page.getByTestId('member-report-screen').waitFor();
    await kiosk.page.getByTestId('member-stats').waitFor(); // loaded, not the loading state
    expect(await kiosk.page.getByTestId('member-report-screen').innerText()).toContain(
      first.slice(0, 3),
    );
    expect(await text(kiosk.page, 'member-hours')).toBe('0');
    expect(await kiosk.page.getByTestId('member-absences').innerText()).toContain('缺席（10 次）');
    await screenshot(kiosk.page, 'member-report.png');
    await press(kiosk.page, 'Escape');
    await kiosk.page.getByTestId('year-report-screen').waitFor();
  });

  it('opens a member page from a member tile on the organizer page', async () => {
    await openKiosk(kiosk.page, kiosk.target);
    await unlockFromHome(kiosk.page, 'organizer');
    const { body } = await kiosk.target.rpc('unlock', { role: 'organizer', pin: '1234' });
    const grant = (body as { value: { grant: string } }).value.grant;
    const overview = await kiosk.target.rpc('getOrganizerOverview', { grant });
    const yang = (
      overview.body as { value: { members: { id: number; name: string }[] } }
    ).value.members.find((m) => m.name === '杨德明')!;
    await kiosk.page.getByTestId(`member-${yang.id}`).focus();
    await press(kiosk.page, 'Enter');
    await kiosk.page.getByTestId('member-report-screen').waitFor();
    await kiosk.page.getByTestId('member-stats').waitFor(); // loaded, not the loading state
    // This year: nothing yet. Back returns to the organizer page, still unlocked.
    expect(await kiosk.page.getByTestId('member-report-screen').innerText()).toContain('杨德明');
    await press(kiosk.page, 'Escape');
    await kiosk.page.getByTestId('organizer-screen').waitFor();
    await kiosk.page.getByTestId('member-list').waitFor();
  });
});

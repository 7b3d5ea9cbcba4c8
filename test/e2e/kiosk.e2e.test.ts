import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  focusedTestId,
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
} from './harness.js';

const TV = { width: 1920, height: 1080 };
const CHINESE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日 星期[日一二三四五六]$/;
const ENGLISH_DATE = /^(Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day, [A-Z][a-z]+ \d{1,2}, \d{4}$/;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let target: RunningStation;
let watch: PageWatch;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await stopAllStations();
  await browser?.close();
});

beforeEach(async (testContext) => {
  // A test named "first run …" gets a real install without demo data.
  target = await startStation({ demo: !testContext.task.name.startsWith('first run') });
  context = await browser.newContext({ viewport: TV, locale: 'en-US' });
  page = await context.newPage();
  watch = watchPage(page, target.origin);
});

afterEach(async () => {
  await context?.close();
  // SIGTERM is the service's clean shutdown: checkpoint and exit 0.
  const exitCode = await target.stop();
  // No test may leave an uncaught error, a CSP refusal or a request off the machine behind.
  expect(watch.errors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
  expect(exitCode).toBe(0);
});

async function homeView(): Promise<{ today: { year: number; month: number; day: number } }> {
  const { body } = await target.rpc('getHome');
  return (body as { value: { today: { year: number; month: number; day: number } } }).value;
}

/** From the home screen, with arrow keys only, onto the organizer's PIN screen. */
async function openOrganizerPin(): Promise<void> {
  await waitForFocus(page, 'tile-organizer');
  await press(page, 'Enter');
  await page.getByTestId('pin-screen').waitFor();
  await waitForFocus(page, 'key-1');
}

describe('the kiosk in Chromium against a real station', () => {
  it('renders the home screen in Chinese, whatever the browser locale, with the bundled font', async () => {
    await openKiosk(page, target);

    expect(await text(page, 'village')).toBe('向阳村');
    expect(await text(page, 'county')).toContain('宁乡县');
    const date = await text(page, 'date');
    const { today } = await homeView();
    expect(date).toMatch(CHINESE_DATE);
    expect(date.startsWith(`${today.year}年${today.month}月${today.day}日`)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await text(page, 'tile-organizer')).toContain('组织者');
    expect(await text(page, 'tile-technician')).toContain('技术员');
    expect(await text(page, 'no-session')).toContain('暂无已安排的学习');
    expect(await text(page, 'status-network')).toMatch(/网络\s*(正常|注意|故障|未知)/);
    expect(await text(page, 'status-health')).toMatch(/运行状态\s*(正常|注意|故障|未知)/);
    expect(await page.getByTestId('clock').innerText()).toMatch(/^\d{2}:\d{2}\s*\d{2}$/);

    // The launch token is kept for reloads but taken out of the visible address (once the first
    // frame is drawn).
    await expect.poll(() => new URL(page.url()).search).toBe('');

    // Chinese glyphs come from the bundled Noto Sans SC, loaded from the station (after the first
    // frame, so it does not slow the start), not the network.
    await page.waitForSelector('html[data-fonts="ready"]', { state: 'attached' });
    const loadedFaces = await page.evaluate(
      () =>
        [...document.fonts].filter(
          (f) => f.family.includes('Noto Sans SC') && f.status === 'loaded',
        ).length,
    );
    expect(loadedFaces).toBeGreaterThan(0);

    await screenshot(page, 'home.png');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('village').waitFor();
    await screenshot(page, 'home-1366x768.png');
  });

  it('reaches the organizer PIN screen with arrow keys and Enter, and Back returns home', async () => {
    await openKiosk(page, target);
    // The first sensible element has focus on arrival; arrows move it tile by tile.
    await waitForFocus(page, 'tile-organizer');
    await press(page, 'ArrowRight', 'tile-technician');
    await press(page, 'ArrowRight', 'tile-language');
    await press(page, 'ArrowRight', 'tile-language'); // nothing further right
    await press(page, 'ArrowLeft', 'tile-technician');
    await press(page, 'ArrowLeft', 'tile-organizer');
    await press(page, 'ArrowDown', 'tile-organizer'); // nothing below the tiles
    await press(page, 'Enter');
    await page.getByTestId('pin-screen').waitFor();
    expect(await page.getByTestId('pin-screen').getAttribute('data-role')).toBe('organizer');
    expect(await page.getByTestId('pin-screen').innerText()).toContain('组织者登录');
    await waitForFocus(page, 'key-1');

    // On the keypad the arrows move like on a phone's keypad.
    await press(page, 'ArrowRight', 'key-2');
    await press(page, 'ArrowDown', 'key-5');
    await press(page, 'ArrowDown', 'key-8');
    await press(page, 'ArrowDown', 'key-0');
    await press(page, 'ArrowRight', 'key-confirm');
    await press(page, 'ArrowUp', 'key-9');

    await press(page, 'Escape');
    await page.getByTestId('home-screen').waitFor();
    await waitForFocus(page, 'tile-organizer');
  });

  it('refuses a wrong PIN entered on the keypad with the station’s Chinese message', async () => {
    await openKiosk(page, target);
    await openOrganizerPin();

    // 0000 with the arrow keys and Enter only: from 1 to 0 is right, then down three rows.
    await press(page, 'ArrowRight', 'key-2');
    await press(page, 'ArrowDown', 'key-5');
    await press(page, 'ArrowDown', 'key-8');
    await press(page, 'ArrowDown', 'key-0');
    for (let i = 1; i <= 4; i++) {
      await press(page, 'Enter');
      await page.waitForSelector(`[data-testid="pin-dots"][data-count="${i}"]`);
    }
    await press(page, 'ArrowRight', 'key-confirm');
    await press(page, 'Enter');

    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    const message = (await banner.innerText()).trim();
    expect(message).toContain('密码错误');
    expect(message).toMatch(/\d/); // attempts left, or how long the lock-out lasts
    await page.waitForSelector('[data-testid="pin-dots"][data-count="0"]');
    expect(await page.getByTestId('pin-screen').isVisible()).toBe(true);
    await screenshot(page, 'pin-wrong.png');

    // Wrong again and again: the station locks the role and the screen says for how long.
    // The feedback area counts refusals, so each answer is awaited even when its text repeats.
    const refusals = (n: number) =>
      page.waitForSelector(`[data-testid="pin-feedback"][data-refusals="${n}"]`);
    await refusals(1);
    let attempt = 1;
    while (!(await text(page, 'error-banner')).includes('已锁定') && attempt < 10) {
      await page.keyboard.type('0000');
      await press(page, 'Enter');
      await refusals(++attempt);
    }
    expect(await text(page, 'error-banner')).toMatch(/已锁定.*\d+ 分钟/);

    // Even the right PIN is refused while the lock lasts.
    await page.keyboard.type('1234');
    await press(page, 'Enter');
    await refusals(attempt + 1);
    expect(await text(page, 'error-banner')).toContain('已锁定');
    expect(await page.getByTestId('organizer-screen').count()).toBe(0);
    await screenshot(page, 'pin-locked.png');
  });

  it('opens the organizer page with the member list after the right PIN, and locks again', async () => {
    await openKiosk(page, target);
    await openOrganizerPin();
    await screenshot(page, 'pin.png');

    // Number keys (keyboard or remote) type digits; focus then rests on Confirm, so OK submits.
    await page.keyboard.type('1234');
    await page.waitForSelector('[data-testid="pin-dots"][data-count="4"]');
    await waitForFocus(page, 'key-confirm');
    await press(page, 'Enter');

    await page.getByTestId('organizer-screen').waitFor();
    await page.getByTestId('member-list').waitFor();
    const names = await page.getByTestId('member').allInnerTexts();
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(names.every((name) => /\p{Script=Han}{2,}/u.test(name))).toBe(true);
    expect(await page.getByTestId('organizer-screen').innerText()).toContain('向阳村');
    expect(await page.getByTestId('organizer-screen').innerText()).toContain(
      `党员 ${names.length} 名`,
    );
    await screenshot(page, 'organizer.png');

    await waitForFocus(page, 'lock');
    await press(page, 'Enter');
    await page.getByTestId('home-screen').waitFor();
  });

  it('shows the technician console after the technician PIN', async () => {
    await openKiosk(page, target);
    await waitForFocus(page, 'tile-organizer');
    await press(page, 'ArrowRight', 'tile-technician');
    await press(page, 'Enter');
    await page.getByTestId('pin-screen').waitFor();
    await page.keyboard.type('5678');
    await press(page, 'Enter');

    // The console itself is covered by test/e2e/health.e2e.test.ts.
    await page.getByTestId('health-items').waitFor();
    expect(await text(page, 'health-database')).toContain('完好');
    expect(await text(page, 'health-app')).toMatch(/数据库结构版本 \d+/);
    await screenshot(page, 'technician.png');

    // Back leaves the console and gives the grant back; the PIN is needed again.
    await press(page, 'Escape');
    await page.getByTestId('home-screen').waitFor();
  });

  it('switches to English from the home screen and stays English after a reload', async () => {
    await openKiosk(page, target);
    await waitForFocus(page, 'tile-organizer');
    await press(page, 'ArrowRight', 'tile-technician');
    await press(page, 'ArrowRight', 'tile-language');
    expect(await text(page, 'tile-language')).toContain('English');
    await press(page, 'Enter');

    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await text(page, 'date')).toMatch(ENGLISH_DATE);
    expect(await text(page, 'tile-organizer')).toContain('Organizer');
    expect(await text(page, 'no-session')).toContain('No session is scheduled yet');
    expect(await text(page, 'tile-language')).toContain('中文');
    await waitForFocus(page, 'tile-language');

    // The station keeps the choice: a reload (the token is remembered for the tab) is English too.
    await page.reload();
    await page.getByTestId('home-screen').waitFor();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await text(page, 'tile-organizer')).toContain('Organizer');
    expect(await text(page, 'village')).toBe('向阳村');
    expect((await target.rpc('getHome')).body).toMatchObject({ value: { language: 'en' } });
    await screenshot(page, 'home-en.png');

    // And a wrong PIN is now refused in English, in the station's words.
    await openOrganizerPin();
    await page.keyboard.type('9999');
    await press(page, 'Enter');
    await page.getByTestId('error-banner').waitFor();
    expect(await text(page, 'error-banner')).toMatch(/wrong pin/i);
  });

  it('answers 401 to /rpc/ without the launch token', async () => {
    const response = await fetch(`${target.origin}/rpc/getHome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    // The page opened without its token cannot reach the station either, and says so.
    await page.goto(`${target.origin}/`);
    await page.getByTestId('error-banner').waitFor();
    expect(await focusedTestId(page)).not.toBe('tile-organizer');
  });

  it('first run without demo data: setup is done with the keyboard and opens the home screen', async () => {
    await openKiosk(page, target);
    await page.getByTestId('setup-screen').waitFor();
    await waitForFocus(page, 'setup-village');

    // Moving down through the form with the arrows reaches the button; an empty form is refused
    // with a sentence per field and the focus goes back to the first field to fix.
    for (let i = 0; i < 10 && (await focusedTestId(page)) !== 'setup-submit'; i++) {
      await press(page, 'ArrowDown');
    }
    await waitForFocus(page, 'setup-submit');
    await press(page, 'Enter');
    expect(await text(page, 'problem-village')).toBe('请填写“村（社区）名称”。');
    expect(await text(page, 'problem-organizerPin')).toBe('请填写“组织者密码”。');
    await waitForFocus(page, 'setup-village');

    // Enter in a field moves on to the next one, as OK on a remote would.
    const fill = async (testId: string, value: string, next: string) => {
      await waitForFocus(page, testId);
      await page.keyboard.type(value);
      await press(page, 'Enter', next);
    };
    await fill('setup-village', '光明社区', 'setup-county');
    await fill('setup-county', '浏阳市', 'setup-terminalName');
    await fill('setup-terminalName', '社区活动中心', 'setup-organizerPin');
    await fill('setup-organizerPin', '2468', 'setup-organizerPinRepeat');
    await fill('setup-organizerPinRepeat', '2468', 'setup-technicianPin');
    await fill('setup-technicianPin', '1357', 'setup-technicianPinRepeat');
    await fill('setup-technicianPinRepeat', '1350', 'setup-submit');
    await press(page, 'Enter');
    expect(await text(page, 'problem-technicianPinRepeat')).toContain('不一致');
    await waitForFocus(page, 'setup-technicianPinRepeat');
    await screenshot(page, 'setup.png');

    await page.keyboard.press('Backspace'); // edits the field; it does not leave the screen
    await page.keyboard.type('7');
    await press(page, 'Enter', 'setup-submit');
    await press(page, 'Enter');

    await page.getByTestId('home-screen').waitFor();
    expect(await text(page, 'village')).toBe('光明社区');
    expect(await text(page, 'county')).toContain('浏阳市');
    expect((await target.rpc('getHome')).body).toMatchObject({ value: { setupRequired: false } });
    expect((await target.rpc('unlock', { role: 'organizer', pin: '2468' })).status).toBe(200);
  });
});

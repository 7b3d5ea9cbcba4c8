import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { station } from '../helpers/station-process.js';
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
  moveFocusTo,
  unlockFromHome,
} from './harness.js';

const TV = { width: 1920, height: 1080 };
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
beforeEach(async () => {
  target = await startStation();
  context = await browser.newContext({ viewport: TV, locale: 'en-US' });
  page = await context.newPage();
  watch = watchPage(page, target.origin);
});
afterEach(async () => {
  await context?.close();
  const exitCode = await target.stop();
  expect(watch.errors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
  expect(exitCode).toBe(0);
});

/** Presses `key` until the focus is on `testId` (spatial moves depend on the layout). */
async function moveTo(key: string, testId: string, maxPresses = 8): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if ((await focusedTestId(page)) === testId) return;
    await page.keyboard.press(key);
  }
  await waitForFocus(page, testId);
}

describe('the equipment register on the technician console', () => {
  it('lists items with due dates and, by remote alone, adds one, marks status, logs repair', async () => {
    const add = (...args: string[]) =>
      expect(station(['equipment', 'add', ...args, '--data', target.dataDir]).code).toBe(0);
    add(
      '--kind',
      '电脑',
      '--model',
      '联想 启天 M720',
      '--serial',
      'PC-0001',
      '--purchased',
      '2018-06-01',
    );
    add(
      '--kind',
      '卫星接收机',
      '--model',
      '同洲 CDVB',
      '--serial',
      'SAT-7',
      '--purchased',
      '2019-03-01',
    );
    add('--kind', 'ups', '--model', '山特 C1K', '--serial', 'UPS-2', '--purchased', '2022-09-15');

    await openKiosk(page, target);
    await unlockFromHome(page, 'technician');
    await page.getByTestId('clock-status').waitFor();
    await moveFocusTo(page, 'open-equipment');
    await press(page, 'Enter');

    await page.getByTestId('equipment-list').waitFor();
    expect(await page.getByTestId('equipment-row').count()).toBe(3);
    expect(await page.getByTestId('equipment-row').first().innerText()).toContain('2024-06-01');
    expect(await page.getByTestId('due-badge').first().innerText()).toBe('已到期');
    await screenshot(page, 'equipment-register.png');

    // Register a router: kind by arrows, the fields typed, saved with OK.
    // Down from the header lands on the first row (it spans the screen); the button sits above it.
    await press(page, 'ArrowDown', 'equipment-row');
    await press(page, 'ArrowUp', 'equipment-add');
    await press(page, 'Enter');
    await waitForFocus(page, 'equipment-kind-terminal');
    await moveTo('ArrowRight', 'equipment-kind-router');
    await press(page, 'Enter');
    await press(page, 'ArrowDown', 'equipment-serial');
    // Left and Right leave an empty field, or a filled one from its ends.
    await moveFocusTo(page, 'equipment-model');
    await page.keyboard.type('TP-Link WR842N');
    await moveFocusTo(page, 'equipment-serial');
    await page.keyboard.type('R-1');
    await moveFocusTo(page, 'equipment-purchased');
    await page.keyboard.type('2024/5/1');
    await screenshot(page, 'equipment-add.png');
    await press(page, 'ArrowDown', 'equipment-funding');
    await page.keyboard.press('ArrowDown');
    await moveTo('ArrowLeft', 'equipment-save');
    await press(page, 'Enter');

    await page.getByTestId('equipment-item').waitFor();
    expect(await text(page, 'equipment-replace-by')).toBe('2029-05-01'); // router: 5 years
    await waitForFocus(page, 'equipment-status-in_use');
    await press(page, 'ArrowRight', 'equipment-status-faulty');
    await press(page, 'Enter');
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="equipment-status-faulty"]')
          ?.getAttribute('aria-checked') === 'true',
    );
    await moveTo('ArrowDown', 'equipment-work');
    await page.keyboard.type('更换电源适配器');
    await press(page, 'Enter');
    await page.getByTestId('maintenance-log').waitFor();
    expect(await text(page, 'maintenance-log')).toContain('更换电源适配器');
    await screenshot(page, 'equipment-item.png');

    // Back returns to the list, on the item just left; Back again to the console.
    await page.locator('body').focus();
    await press(page, 'Escape');
    await page.getByTestId('equipment-list').waitFor();
    expect(await page.getByTestId('equipment-row').count()).toBe(4);
    await press(page, 'Escape');
    await page.getByTestId('clock-status').waitFor();

    const list = JSON.parse(
      station(['equipment', 'list', '--json', '--data', target.dataDir]).stdout,
    ) as { items: { serial: string; status: string; replaceBy: string }[] };
    expect(list.items.find((i) => i.serial === 'R-1')).toMatchObject({
      status: 'faulty',
      replaceBy: '2029-05-01',
    });
  });
});

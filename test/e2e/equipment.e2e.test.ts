import { describe, expect, it } from 'vitest';
import { station } from '../helpers/station-process.js';
import {
  focusedTestId,
  openKiosk,
  press,
  screenshot,
  text,
  waitForFocus,
  moveFocusTo,
  unlockFromHome,
  useKiosk,
} from './harness.js';

const kiosk = useKiosk({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });

/** Presses `key` until the focus is on `testId` (spatial moves depend on the layout). */
async function moveTo(key: string, testId: string, maxPresses = 8): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if ((await focusedTestId(kiosk.page)) === testId) return;
    await kiosk.page.keyboard.press(key);
  }
  await waitForFocus(kiosk.page, testId);
}

describe('the equipment register on the technician console', () => {
  it('lists items with due dates and, by remote alone, adds one, marks status, logs repair', async () => {
    const add = (...args: string[]) =>
      expect(station(['equipment', 'add', ...args, '--data', kiosk.target.dataDir]).code).toBe(0);
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

    await openKiosk(kiosk.page, kiosk.target);
    await unlockFromHome(kiosk.page, 'technician');
    await kiosk.page.getByTestId('clock-status').waitFor();
    await moveFocusTo(kiosk.page, 'open-equipment');
    await press(kiosk.page, 'Enter');

    await kiosk.page.getByTestId('equipment-list').waitFor();
    expect(await kiosk.page.getByTestId('equipment-row').count()).toBe(3);
    expect(await kiosk.page.getByTestId('equipment-row').first().innerText()).toContain(
      '2024-06-01',
    );
    expect(await kiosk.page.getByTestId('due-badge').first().innerText()).toBe('已到期');
    await screenshot(kiosk.page, 'equipment-register.png');

    // Register a router: kind by arrows, the fields typed, saved with OK.
    // Down from the header lands on the first row (it spans the screen); the button sits above it.
    await press(kiosk.page, 'ArrowDown', 'equipment-row');
    await press(kiosk.page, 'ArrowUp', 'equipment-add');
    await press(kiosk.page, 'Enter');
    await waitForFocus(kiosk.page, 'equipment-kind-terminal');
    await moveTo('ArrowRight', 'equipment-kind-router');
    await press(kiosk.page, 'Enter');
    await press(kiosk.page, 'ArrowDown', 'equipment-serial');
    // Left and Right leave an empty field, or a filled one from its ends.
    await moveFocusTo(kiosk.page, 'equipment-model');
    await kiosk.page.keyboard.type('TP-Link WR842N');
    await moveFocusTo(kiosk.page, 'equipment-serial');
    await kiosk.page.keyboard.type('R-1');
    await moveFocusTo(kiosk.page, 'equipment-purchased');
    await kiosk.page.keyboard.type('2024/5/1');
    await screenshot(kiosk.page, 'equipment-add.png');
    await press(kiosk.page, 'ArrowDown', 'equipment-funding');
    await kiosk.page.keyboard.press('ArrowDown');
    await moveTo('ArrowLeft', 'equipment-save');
    await press(kiosk.page, 'Enter');

    await kiosk.page.getByTestId('equipment-item').waitFor();
    expect(await text(kiosk.page, 'equipment-replace-by')).toBe('2029-05-01'); // router: 5 years
    await waitForFocus(kiosk.page, 'equipment-status-in_use');
    await press(kiosk.page, 'ArrowRight', 'equipment-status-faulty');
    await press(kiosk.page, 'Enter');
    await kiosk.page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="equipment-status-faulty"]')
          ?.getAttribute('aria-checked') === 'true',
    );
    await moveTo('ArrowDown', 'equipment-work');
    await kiosk.page.keyboard.type('更换电源适配器');
    await press(kiosk.page, 'Enter');
    await kiosk.page.getByTestId('maintenance-log').waitFor();
    expect(await text(kiosk.page, 'maintenance-log')).toContain('更换电源适配器');
    await screenshot(kiosk.page, 'equipment-item.png');

    // Back returns to the list, on the item just left; Back again to the console.
    await kiosk.page.locator('body').focus();
    await press(kiosk.page, 'Escape');
    await kiosk.page.getByTestId('equipment-list').waitFor();
    expect(await kiosk.page.getByTestId('equipment-row').count()).toBe(4);
    await press(kiosk.page, 'Escape');
    await kiosk.page.getByTestId('clock-status').waitFor();

    const list = JSON.parse(
      station(['equipment', 'list', '--json', '--data', kiosk.target.dataDir]).stdout,
    ) as { items: { serial: string; status: string; replaceBy: string }[] };
    expect(list.items.find((i) => i.serial === 'R-1')).toMatchObject({
      status: 'faulty',
      replaceBy: '2029-05-01',
    });
  });
});

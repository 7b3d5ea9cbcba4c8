import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCupsd, type TestCupsd } from '../helpers/cupsd.js';
import { startThemeDay } from '../helpers/theme-day.js';
import {
  enterPin,
  launchChromium,
  moveFocusTo,
  openKiosk,
  press,
  screenshot,
  startStation,
  stopAllStations,
  waitForFocus,
  watchPage,
  type PageWatch,
  type RunningStation,
  unlockFromHome,
} from './harness.js';

// The kiosk prints through the station's CUPS path to a private cupsd (test/helpers/cupsd.ts)
// whose queues write what a printer would receive into files.
let browser: Browser;
let page: Page;
let watch: PageWatch;
let target: RunningStation;
let cups: TestCupsd;
let office: string;
let hall: string;
let slow: string;
let sessionId: string;

beforeAll(async () => {
  cups = await startCupsd();
  // A second a job, as a printer takes: the panel's first look at a sent job (right after
  // 已发送) then finds it still queued, so 已发送 stays up until the next look.
  office = cups.addQueue('Office', { default: true, description: '村委会打印机', slowSeconds: 1 });
  hall = cups.addQueue('Hall', { description: '党员活动室打印机', slowSeconds: 1 });
  // Three seconds a job, as a real printer takes over a page: time to pull its paper out.
  slow = cups.addQueue('Slow', { description: '会议室打印机', slowSeconds: 3 });
  process.env.CUPS_SERVER = cups.server; // the station service inherits it
  target = await startStation();
  sessionId = startThemeDay(target.dataDir, { checkinAt: '2026-11-14T08:55:00+08:00' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  watch = watchPage(page, target.origin);
  await openKiosk(page, target);
  await unlockFromHome(page, 'organizer');
  await page.getByTestId('print-panel').waitFor();
}, 60_000);

/** This month as the panel's study-record buttons name it (the kiosk's clock is the real one). */
function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

// As for every kiosk page (useKiosk): no page errors, nothing asked of anyone but the station,
// and the station stopped cleanly. The tests here share one station and page, in order.
afterAll(async () => {
  await browser?.close();
  const exitCode = await target?.stop();
  await stopAllStations();
  await cups?.stop();
  delete process.env.CUPS_SERVER;
  expect(watch?.errors).toEqual([]);
  expect(watch?.foreignRequests).toEqual([]);
  expect(exitCode).toBe(0);
});

describe('printing from the organizer page', () => {
  it('prints a session’s sign-in sheet to the default printer with the remote alone', async () => {
    // The default printer is chosen before anyone touches the picker.
    expect(await page.getByTestId('printer-Office').getAttribute('aria-checked')).toBe('true');
    await moveFocusTo(page, `print-sheet-${sessionId}`, 80);
    await press(page, 'Enter');
    await page.waitForSelector('[data-testid="print-status"][data-state="sent"]', {
      timeout: 30_000,
    });
    const message = await page.getByTestId('print-status').innerText();
    expect(message).toMatch(/^✓ 已发送到打印机 村委会打印机（任务号 \d+）$/);
    // Followed after CUPS took it, until the printer has it done.
    await page.waitForSelector('[data-testid="print-status"][data-state="printed"]', {
      timeout: 30_000,
    });
    const job = /任务号 (\d+)/.exec(message)![1];
    expect(await page.getByTestId('print-status').innerText()).toBe(
      `✓ 打印好了：打印机 村委会打印机（任务号 ${job}）`,
    );
    const pdf = await cups.waitForOutput(office);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/);
    expect(fs.existsSync(hall)).toBe(false);
    await page.getByTestId('print-status').scrollIntoViewIfNeeded();
    await screenshot(page, 'print.png', 'print.png');
  }, 60_000);

  it('prints the month’s study record on the printer picked with the arrows', async () => {
    await moveFocusTo(page, 'printer-Hall', 40);
    await press(page, 'Enter');
    expect(await page.getByTestId('printer-Hall').getAttribute('aria-checked')).toBe('true');
    const month = thisMonth();
    await moveFocusTo(page, `print-record-${month}`, 40);
    await press(page, 'Enter');
    await page.waitForSelector('[data-testid="print-status"][data-state="sent"]', {
      timeout: 30_000,
    });
    expect(await page.getByTestId('print-status').innerText()).toMatch(
      /已发送到打印机 党员活动室打印机/,
    );
    expect((await cups.waitForOutput(hall)).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  /**
   * Prints Hall's sign-in sheet with the remote while Hall will not print: the sentence comes
   * back, nothing reaches the printer, and the picker, looked at again after the failure, says
   * `badge` beside Hall's name, with the remote's focus still on the button pressed.
   */
  async function printToHallFails(badge: string): Promise<string> {
    const before = fs.statSync(hall).size;
    await moveFocusTo(page, `print-sheet-${sessionId}`, 40);
    await press(page, 'Enter');
    await page.waitForSelector('[data-testid="print-status"][data-state="failed"]', {
      timeout: 30_000,
    });
    const status = await page.getByTestId('print-status').innerText();
    expect(fs.statSync(hall).size).toBe(before);
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="printer-Hall"]')?.textContent?.includes(text),
      badge,
    );
    await waitForFocus(page, `print-sheet-${sessionId}`);
    return status;
  }

  it('a paused printer: a clear sentence, nothing sent', async () => {
    cups.admin('cupsdisable', ['-r', '缺纸', 'Hall']);
    const status = await printToHallFails('（已暂停）');
    expect(status).toContain('打印机“党员活动室打印机”已暂停（缺纸），没有发送');
    expect(status).toContain('cupsenable Hall');
    await screenshot(page, 'print-paused.png');
  }, 60_000);

  it('a printer refusing jobs: a clear sentence, nothing sent, and the picker says so', async () => {
    cups.admin('cupsenable', ['Hall']);
    cups.admin('cupsreject', ['-r', '维修中', 'Hall']);
    const status = await printToHallFails('（不接收新任务）');
    expect(status).toContain('打印机“党员活动室打印机”不接收新任务（维修中），没有发送');
    expect(status).toContain('cupsaccept Hall');
    // The other printer is unaffected and says nothing of the kind.
    expect(await page.getByTestId('printer-Office').innerText()).not.toMatch(/不接收|已暂停/);
    cups.admin('cupsaccept', ['Hall']);
  }, 60_000);
});

describe('a printer that stops under the job', () => {
  it('says so while the job waits, and that it printed once the printer is back', async () => {
    await moveFocusTo(page, 'printer-Slow', 40);
    await press(page, 'Enter');
    const month = thisMonth();
    await moveFocusTo(page, `print-record-${month}`, 40);
    await press(page, 'Enter');
    await page.waitForSelector('[data-testid="print-status"][data-state="sent"]', {
      timeout: 30_000,
    });
    // Out of paper while the page is in the printer: CUPS pauses it and keeps the job.
    cups.admin('cupsdisable', ['-r', '缺纸', 'Slow']);
    await page.waitForSelector('[data-testid="print-status"][data-state="stopped"]', {
      timeout: 15_000,
    });
    const stopped = await page.getByTestId('print-status').innerText();
    expect(stopped).toMatch(/^打印机“会议室打印机”停了(（缺纸）)?，任务 \d+ 还在排队。/);
    expect(stopped).toContain('cupsenable Slow');
    expect(fs.existsSync(slow) && fs.statSync(slow).size > 0).toBe(false);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="printer-Slow"]')?.textContent?.includes('已暂停'),
    );
    await waitForFocus(page, `print-record-${month}`);
    await page.getByTestId('print-status').scrollIntoViewIfNeeded();
    await screenshot(page, 'print-stopped.png');

    // The technician puts paper in and resumes it: the same job prints, and the kiosk says so.
    cups.admin('cupsenable', ['Slow']);
    await page.waitForSelector('[data-testid="print-status"][data-state="printed"]', {
      timeout: 30_000,
    });
    expect(await page.getByTestId('print-status').innerText()).toMatch(
      /^✓ 打印好了：打印机 会议室打印机（任务号 \d+）$/,
    );
    expect((await cups.waitForOutput(slow)).subarray(0, 5).toString()).toBe('%PDF-');
    cups.admin('lpadmin', ['-x', 'Slow']);
  }, 90_000);
});

describe('printing at the end of a check-in', () => {
  it('offers the just-ended session’s sign-in sheet', async () => {
    cups.admin('cupsenable', ['Hall']);
    await moveFocusTo(page, 'tile-checkin', 60);
    await press(page, 'Enter');
    // The session set up above is still running: continue it, then end it.
    await waitForFocus(page, 'checkin-continue');
    await press(page, 'Enter');
    await page.locator('[data-testid="checkin-screen"][data-phase="run"]').waitFor();
    await moveFocusTo(page, 'checkin-end', 60);
    await press(page, 'Enter');
    await enterPin(page, '1234', 'pin-confirm');
    await page.getByTestId('checkin-ended').waitFor();
    const button = page.locator('[data-testid^="print-sheet-"]');
    await button.waitFor();
    expect(await button.count()).toBe(1); // this session only, no monthly records
    expect(await button.getAttribute('data-testid')).toBe(`print-sheet-${sessionId}`);
    await moveFocusTo(page, `print-sheet-${sessionId}`);
    await press(page, 'Enter');
    await page.waitForSelector('[data-testid="print-status"][data-state="sent"]', {
      timeout: 30_000,
    });
    expect(await page.getByTestId('print-status').innerText()).toMatch(/已发送到打印机/);
    await screenshot(page, 'print-checkin-ended.png');
  }, 90_000);
});

describe('no printer yet', () => {
  it('says so on the organizer page, and finds one added meanwhile with 重新查找', async () => {
    cups.admin('lpadmin', ['-x', 'Office']);
    cups.admin('lpadmin', ['-x', 'Hall']);
    await moveFocusTo(page, 'checkin-done');
    await press(page, 'Enter');
    await page.getByTestId('organizer-screen').waitFor();
    await page.getByTestId('print-problem').waitFor();
    expect(await page.getByTestId('print-problem').innerText()).toContain('还没有连接打印机');
    expect(await page.locator('[data-testid^="print-sheet-"]').count()).toBe(0);
    await page.getByTestId('print-problem').scrollIntoViewIfNeeded();
    await screenshot(page, 'print-none.png');

    cups.addQueue('Office', { description: '村委会打印机' });
    await moveFocusTo(page, 'print-rescan', 80);
    await press(page, 'Enter');
    await page.getByTestId('print-printer').waitFor();
    expect(await page.getByTestId('print-printer').innerText()).toBe('打印机：村委会打印机');
    await page.locator(`[data-testid="print-sheet-${sessionId}"]`).waitFor();
  }, 60_000);
});

/**
 * The technician console in Chromium against a real station: every graded item, the clock's
 * state, self-test, colour bars, the test tone, the hub address and a time correction, all with
 * the remote's keys. One station runs under a faked clock (STATION_FAKE_NOW) to show an untrusted
 * clock being corrected from the hub.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_ITEM_IDS } from '../../common/contract-health.js';
import { station, type ServeProcess } from '../helpers/station-process.js';
import {
  launchChromium,
  startStation as startDemoStation,
  press,
  screenshot,
  text,
  waitForFocus,
  watchPage,
  type PageWatch,
  moveFocusTo,
  unlockFromHome,
} from './harness.js';

const LAPTOP = { width: 1366, height: 768 };

let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;
let watch: PageWatch;
let hub: http.Server;
let hubUrl: string;
const cleanups: (() => Promise<unknown> | void)[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  // A stand-in for the county hub: answers anything, with the real time in its Date header.
  hub = http.createServer((_req, res) => res.end('hub'));
  await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  while (cleanups.length) await cleanups.pop()!();
  expect(watch.errors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  hub?.close();
});

/** The harness's demo station, optionally some records first, served with `env`. */
async function startStation(
  env: NodeJS.ProcessEnv = {},
  before?: (data: string) => void,
): Promise<ServeProcess> {
  const running = await startDemoStation({ env, before });
  cleanups.push(() => running.stop());
  return running.server;
}

async function openConsole(server: ServeProcess): Promise<void> {
  context = await browser.newContext({ viewport: LAPTOP, locale: 'zh-CN' });
  page = await context.newPage();
  watch = watchPage(page, new URL(server.url).origin);
  await page.goto(server.url);
  await page.getByTestId('home-screen').waitFor();
  await unlockFromHome(page, 'technician');
  await page.getByTestId('health-items').waitFor();
  await waitForFocus(page, 'lock');
}

/** Waits until no console action is in progress. */
async function idle(): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="health-body"]')?.getAttribute('data-busy') === '',
  );
}

/** Moves focus with arrow keys until `testId` has it (the remote's way to reach a button). */
describe('the technician console', () => {
  it('grades every item, shows the clock, runs the self-test and the screen and sound tests', async () => {
    const server = await startStation();
    await openConsole(server);

    for (const id of HEALTH_ITEM_IDS) {
      const grade = await page.getByTestId(`health-${id}`).getAttribute('data-grade');
      expect(['ok', 'warn', 'fail', 'unknown'], id).toContain(grade);
    }
    expect(await text(page, 'health-database')).toContain('完好');
    expect(await text(page, 'health-hub')).toContain('尚未设置县平台地址');
    expect(await page.getByTestId('clock-status').getAttribute('data-trusted')).toBe('true');
    // Without a hub address there is no "correct the time" button: only actions that work.
    expect(await page.getByTestId('correct-time').count()).toBe(0);

    // Self-test, reached from the lock button with the arrows.
    await moveFocusTo(page, 'run-selftest');
    await press(page, 'Enter');
    await page.getByTestId('selftest-result').waitFor();
    await idle();
    expect(await page.getByTestId('selftest-disk').getAttribute('data-result')).toBe('pass');
    expect(await page.getByTestId('selftest-database').getAttribute('data-result')).toBe('pass');
    expect(await text(page, 'selftest-network')).toContain('尚未设置县平台地址');
    expect(await text(page, 'selftest-network')).toContain('→'); // what to do about it

    // Colour bars over the whole screen; Back closes them and stays in the console.
    await press(page, 'ArrowRight', 'colour-bars-button');
    await press(page, 'Enter');
    await page.getByTestId('colour-bars').waitFor();
    const bars = await page.getByTestId('colour-bars').boundingBox();
    expect(bars).toMatchObject({ x: 0, y: 0, width: LAPTOP.width, height: LAPTOP.height });
    await screenshot(page, 'colour-bars.png');
    await press(page, 'Escape');
    await page.getByTestId('colour-bars').waitFor({ state: 'detached' });
    await page.getByTestId('technician-screen').waitFor();

    // The console as the technician first sees it (README screenshot), every item in view.
    await page.getByTestId('lock').focus();
    await page.evaluate(() => document.fonts.ready);
    const lastItem = await page.getByTestId('health-last-upload').boundingBox();
    expect(lastItem!.y + lastItem!.height).toBeLessThanOrEqual(LAPTOP.height);
    await screenshot(page, 'technician-console.png', 'technician.png');

    // The test tone through Web Audio.
    await page.getByTestId('tone-button').focus();
    await press(page, 'Enter');
    expect(await text(page, 'health-notice')).toContain('1 kHz');
    await idle();
    await expect(page.getByTestId('error-banner').count()).resolves.toBe(0);
  });

  it('an untrusted clock (2000-01-01 after records exist) is shown and corrected from the hub', async () => {
    const server = await startStation({ STATION_FAKE_NOW: '2000-01-01T00:00:00Z' }, (data) => {
      const id = station([
        'session',
        'start',
        '--kind',
        'collective',
        '--title',
        '学习',
        '--data',
        data,
      ]);
      expect(station(['checkin', id.stdout.trim(), '张国庆', '--data', data]).code).toBe(0);
    });
    await openConsole(server);
    expect(await page.getByTestId('clock-status').getAttribute('data-trusted')).toBe('false');
    expect(await text(page, 'clock-status')).toContain('时钟不可信');
    expect(await text(page, 'clock-status')).toContain('2000-01-01');
    await screenshot(page, 'technician-untrusted-clock.png');

    // Set the hub address with the keyboard, then correct the time from it.
    await page.getByTestId('hub-url').focus();
    await page.keyboard.type(hubUrl);
    await press(page, 'ArrowRight', 'hub-save');
    await press(page, 'Enter');
    await page.getByText('已保存').waitFor();
    await idle();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="health-hub"]')?.getAttribute('data-grade') === 'ok',
    );
    await page.getByTestId('correct-time').focus();
    await press(page, 'Enter');
    await page.getByText('时间已校准').waitFor();
    expect(await page.getByTestId('clock-status').getAttribute('data-trusted')).toBe('true');
    const year = new Date().getFullYear();
    expect(await text(page, 'clock-status')).toContain(String(year));
  });

  it('with no hub to ask, the technician corrects the time by hand from a phone', async () => {
    const server = await startStation({ STATION_FAKE_NOW: '2000-01-01T00:00:00Z' }, (data) => {
      const id = station([
        'session',
        'start',
        '--kind',
        'collective',
        '--title',
        '学习',
        '--data',
        data,
      ]);
      expect(station(['checkin', id.stdout.trim(), '张国庆', '--data', data]).code).toBe(0);
    });
    await openConsole(server);
    expect(await page.getByTestId('clock-status').getAttribute('data-trusted')).toBe('false');
    expect(await page.getByTestId('correct-time').count()).toBe(0);

    await page.getByTestId('manual-time').focus();
    await page.keyboard.type('明天下午');
    await press(page, 'ArrowRight', 'manual-time-save');
    await press(page, 'Enter');
    expect(await text(page, 'error-banner')).toContain('2026-11-26 15:30');

    // What the technician's phone shows, in the station's zone (Asia/Shanghai).
    const phone = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date());
    await page.getByTestId('manual-time').fill(phone);
    await page.getByTestId('manual-time-save').focus();
    await press(page, 'Enter');
    await page.getByText('时间已校准').waitFor();
    await idle();
    expect(await page.getByTestId('clock-status').getAttribute('data-trusted')).toBe('true');
    expect(await text(page, 'clock-status')).toContain(phone.slice(0, 10));
  });
});

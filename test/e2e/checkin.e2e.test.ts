/**
 * A whole session run from the kiosk with the keyboard alone — arrows, Enter, letters, digits and
 * a scanner's burst of keys — then the county's figure read with `station report hours` as a
 * separate process.
 *
 * Credited time needs real minutes to pass. Rather than fake the clock, the station's own policy
 * settings are turned down (DOMAIN.md: the minutes per 学时 and the rounding step are settings):
 * one minute per 学时, rounded down to 0.1, so seconds of presence credit a measurable figure.
 * The expected figure is computed from the times the station recorded, so it cannot drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { station } from '../helpers/station-process.js';
import { ROOT } from '../helpers/station-process.js';
import {
  CHROMIUM,
  focusedTestId,
  launchChromium,
  openKiosk,
  press,
  screenshot,
  startStation,
  stopAllStations,
  waitForFocus,
  watchPage,
  type RunningStation,
  moveFocusTo,
  unlockFromHome,
  enterPin,
} from './harness.js';

const SCREEN = { width: 1366, height: 768 };
// The smallest valid PNG (1×1), as a photo file chosen on the kiosk.
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const LETTER_ROWS = ['ABCDEFG', 'HIJKLMN', 'OPQRSTU', 'VWXYZ'];

let browser: Browser;
let target: RunningStation;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  target = await startStation();
  for (const [key, value] of [
    ['hours.minutesPerCreditHour', '1'],
    ['hours.roundingStep', '0.1'],
  ] as const) {
    const r = station(['config', 'set', key, value, '--data', target.dataDir]);
    expect(r.code, r.stderr).toBe(0);
  }
});

afterAll(async () => {
  await stopAllStations();
  await browser?.close();
});

function letterAt(testId: string | null): { row: number; col: number } | null {
  const m = /^letter-([A-Z])$/.exec(testId ?? '');
  if (!m) return null;
  const row = LETTER_ROWS.findIndex((r) => r.includes(m[1]!));
  return { row, col: LETTER_ROWS[row]!.indexOf(m[1]!) };
}

/** Types a word on the on-screen keyboard with arrows and Enter, as a remote would. */
async function typeOnScreen(word: string): Promise<void> {
  for (const letter of word.toUpperCase()) {
    const from = letterAt(await focusedTestId(page));
    if (!from) throw new Error(`focus is not on the letter keyboard: ${await focusedTestId(page)}`);
    const row = LETTER_ROWS.findIndex((r) => r.includes(letter));
    const col = LETTER_ROWS[row]!.indexOf(letter);
    for (let r = from.row; r < row; r++) await page.keyboard.press('ArrowDown');
    for (let r = from.row; r > row; r--) await page.keyboard.press('ArrowUp');
    for (let c = from.col; c < col; c++) await page.keyboard.press('ArrowRight');
    for (let c = from.col; c > col; c--) await page.keyboard.press('ArrowLeft');
    await waitForFocus(page, `letter-${letter}`);
    await page.keyboard.press('Enter');
  }
}

/** Presses an arrow until the focus is on an element whose data-testid is `testId`. */
async function arrowTo(key: string, testId: string, attr?: [string, string]): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const ok = await page.evaluate(
      ([id, a]) => {
        const el = document.activeElement;
        if (el?.getAttribute('data-testid') !== id) return false;
        return !a || el.getAttribute(a[0]!) === a[1];
      },
      [testId, attr ?? null] as const,
    );
    if (ok) return;
    await page.keyboard.press(key);
  }
  throw new Error(`could not reach ${testId} with ${key}; focus on ${await focusedTestId(page)}`);
}

async function feedback(): Promise<{ kind: string | null; text: string }> {
  const el = page.getByTestId('checkin-feedback');
  await el.waitFor();
  return { kind: await el.getAttribute('data-kind'), text: (await el.innerText()).trim() };
}

async function waitForFeedback(kind: 'ok' | 'error', contains: string): Promise<void> {
  await page.waitForFunction(
    ([k, c]) => {
      const el = document.querySelector('[data-testid="checkin-feedback"]');
      return el?.getAttribute('data-kind') === k && (el.textContent ?? '').includes(c!);
    },
    [kind, contains] as const,
    { timeout: 5_000 },
  );
}

function tileStatus(name: string): Promise<string | null> {
  return page
    .locator(`[data-testid="checkin-tile"][data-member="${name}"]`)
    .getAttribute('data-status');
}

async function pinThenEnter(): Promise<void> {
  await enterPin(page, '1234', 'pin-confirm');
  await page.getByTestId('pin-confirm').waitFor({ state: 'detached' });
}

describe('a session run from the kiosk with the keyboard alone', () => {
  it('checks members in by on-screen letters, typed letters and a scanner, then credits the right 学时', async () => {
    const context = await browser.newContext({ viewport: SCREEN, locale: 'zh-CN' });
    page = await context.newPage();
    const watch = watchPage(page, target.origin);
    await openKiosk(page, target);

    // Home → organizer PIN → organizer page → 开始学习 / 签到.
    await unlockFromHome(page, 'organizer');
    await moveFocusTo(page, 'tile-checkin');
    await press(page, 'Enter');

    // Kind (collective is chosen and focused) and the prefilled title, then start.
    await waitForFocus(page, 'kind-collective');
    expect(await page.getByTestId('checkin-title').inputValue()).toMatch(/^\d{1,2}月集中学习$/);
    await arrowTo('ArrowDown', 'checkin-start-go');
    await press(page, 'Enter');
    await page.locator('[data-testid="checkin-screen"][data-phase="run"]').waitFor();
    await waitForFocus(page, 'letter-A');

    // 1. On-screen letters Z G Q find 张国庆; Right reaches his tile; Enter checks him in.
    await typeOnScreen('zgq');
    expect(await page.getByTestId('checkin-query').innerText()).toBe('ZGQ');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="checkin-tile"]').length === 1,
    );
    await arrowTo('ArrowRight', 'checkin-tile', ['data-member', '张国庆']);
    await press(page, 'Enter');
    await waitForFeedback('ok', '张国庆');
    expect((await feedback()).text).toContain('签到成功');
    // The search is cleared for the next person and the focus is back on the letters.
    await waitForFocus(page, 'letter-Q');
    expect(await tileStatus('张国庆')).toBe('present');

    // 2. Letters typed on a physical keyboard (a person's pace) search the same way.
    await page.keyboard.type('lxy', { delay: 120 });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="checkin-tile"]').length === 1,
    );
    await arrowTo('ArrowRight', 'checkin-tile', ['data-member', '李秀英']);
    await press(page, 'Enter');
    await waitForFeedback('ok', '李秀英');

    // 3. A card scanner types the code and Enter within milliseconds.
    await page.keyboard.type('XY0003');
    await page.keyboard.press('Enter');
    await waitForFeedback('ok', '王建军');
    expect(await page.getByTestId('checkin-counts').getAttribute('data-present')).toBe('3');
    await screenshot(page, 'checkin-running.png', 'checkin.png');

    // 4. Twice is refused with the station's sentence and a different tone.
    await page.keyboard.type('XY0001');
    await page.keyboard.press('Enter');
    await waitForFeedback('error', '张国庆 已经在');
    expect(await page.getByTestId('checkin-counts').getAttribute('data-present')).toBe('3');

    // 5. 王建军 leaves early: 签退, his tile, the organizer PIN.
    await arrowTo('ArrowDown', 'checkin-mode-checkout');
    await press(page, 'Enter');
    expect(await page.getByTestId('checkin-mode').getAttribute('data-mode')).toBe('checkout');
    await page.keyboard.type('wjj', { delay: 120 });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="checkin-tile"]').length === 1,
    );
    await arrowTo('ArrowRight', 'checkin-tile', ['data-member', '王建军']);
    await press(page, 'Enter');
    await pinThenEnter();
    await waitForFeedback('ok', '王建军 已签退');
    expect(await tileStatus('王建军')).toBe('left');

    // 6. 刘桂兰 is excused: 请假, her tile, a reason from the list, the PIN.
    // After the PIN the focus is back on the letters; the actions are below them.
    await arrowTo('ArrowDown', 'checkin-mode-checkout');
    await press(page, 'ArrowRight', 'checkin-mode-excuse');
    await press(page, 'Enter');
    // Back leaves the choice, not the screen; Enter chooses again.
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="checkin-mode"][data-mode="checkin"]').waitFor();
    expect(await focusedTestId(page)).toBe('checkin-mode-excuse');
    await press(page, 'Enter');
    await page.locator('[data-testid="checkin-mode"][data-mode="excuse"]').waitFor();
    await page.keyboard.type('lgl', { delay: 120 });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="checkin-tile"]').length === 1,
    );
    await arrowTo('ArrowRight', 'checkin-tile', ['data-member', '刘桂兰']);
    await press(page, 'Enter');
    await page.getByTestId('reason-dialog').waitFor();
    await waitForFocus(page, 'reason-ill');
    await press(page, 'Enter');
    await pinThenEnter();
    await waitForFeedback('ok', '刘桂兰 已登记请假');

    // Let presence accumulate past 0.2 学时 at this policy (12 s) before ending: the one wait
    // here is the quantity under test, not a guess at when the page is ready.
    const session = new Database(path.join(target.dataDir, 'station.db'), { readonly: true });
    const firstIn = new Date(
      (
        session
          .prepare("SELECT min(at) AS at FROM attendance_records WHERE kind = 'check-in'")
          .get() as { at: string }
      ).at,
    );
    session.close();
    const wait = firstIn.getTime() + 13_000 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);

    // 7. End with the PIN; the summary reads the counts.
    await arrowTo('ArrowDown', 'checkin-end');
    await press(page, 'Enter');
    await pinThenEnter();
    await page.getByTestId('checkin-ended').waitFor();
    expect(await page.getByTestId('checkin-summary').innerText()).toBe(
      '实到 2 人（迟到 0 人），签退 1 人，请假 1 人，未到 26 人',
    );
    await waitForFocus(page, 'checkin-done');
    await press(page, 'Enter');
    await page.getByTestId('organizer-screen').waitFor();

    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await context.close();

    // The county's figure, from the CLI as a separate process.
    const db = new Database(path.join(target.dataDir, 'station.db'), { readonly: true });
    const s = db
      .prepare(
        'SELECT id, started_at AS startedAt, ended_at AS endedAt, ended_by AS endedBy FROM study_sessions',
      )
      .get() as { id: number; startedAt: string; endedAt: string; endedBy: string };
    const records = db
      .prepare(
        `SELECT m.name, a.kind, a.at, a.reason, a.recorded_by AS by FROM attendance_records a
         JOIN members m ON m.id = a.member_id WHERE a.session_id = ? ORDER BY a.id`,
      )
      .all(s.id) as {
      name: string;
      kind: string;
      at: string | null;
      reason: string | null;
      by: string;
    }[];
    db.close();
    expect(s.endedBy).toBe('kiosk:organizer+pin');
    expect(records.map((r) => [r.name, r.kind, r.by])).toEqual([
      ['张国庆', 'check-in', 'kiosk:organizer'],
      ['李秀英', 'check-in', 'kiosk:organizer'],
      ['王建军', 'check-in', 'kiosk:organizer'],
      ['王建军', 'check-out', 'kiosk:organizer+pin'],
      ['刘桂兰', 'excused', 'kiosk:organizer+pin'],
    ]);
    expect(records.find((r) => r.kind === 'excused')?.reason).toBe('生病');

    // Overlap of presence with the session, 1 minute per 学时, rounded down to 0.1.
    const at = (name: string, kind: string) =>
      new Date(records.find((r) => r.name === name && r.kind === kind)!.at!).getTime();
    const credit = (from: number, to: number) => Math.floor((to - from) / 60_000 / 0.1 + 1e-9) / 10;
    const end = new Date(s.endedAt).getTime();
    const expected: Record<string, number> = {
      张国庆: credit(at('张国庆', 'check-in'), end),
      李秀英: credit(at('李秀英', 'check-in'), end),
      王建军: credit(at('王建军', 'check-in'), at('王建军', 'check-out')),
      刘桂兰: 0,
    };
    expect(expected['张国庆']).toBeGreaterThanOrEqual(0.2);

    const year = new Date(s.startedAt).getUTCFullYear();
    const r = station([
      'report',
      'hours',
      '--year',
      String(year),
      '--json',
      '--data',
      target.dataDir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { members: { name: string; hours: number }[] };
    for (const [name, hours] of Object.entries(expected)) {
      expect([name, report.members.find((m) => m.name === name)?.hours]).toEqual([name, hours]);
    }
    const others = report.members.filter((m) => !(m.name in expected));
    expect(others).toHaveLength(26);
    expect(others.every((m) => m.hours === 0)).toBe(true);
  }, 120_000);
});

describe('minutes and photos of a session started elsewhere', () => {
  it('continues the running session, saves minutes and a photo from a file and from a camera', async () => {
    // A session started from the command line (or, later, from the schedule) is the one the
    // kiosk offers to continue. It began half an hour ago, so whoever checks in now is late.
    const halfHourAgo = new Date(Date.now() - 30 * 60_000).toISOString().replace('Z', '+00:00');
    const started = station([
      'session',
      'start',
      '--kind',
      'meeting',
      '--title',
      '支委会',
      '--at',
      halfHourAgo,
      '--json',
      '--data',
      target.dataDir,
    ]);
    expect(started.code, started.stderr).toBe(0);
    const sessionId = (JSON.parse(started.stdout) as { id: number }).id;

    // Chromium's fake camera stands in for a USB camera; permission prompts are answered yes.
    const cameraBrowser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    });
    try {
      const context = await cameraBrowser.newContext({ viewport: SCREEN });
      page = await context.newPage();
      const watch = watchPage(page, target.origin);
      await openKiosk(page, target);
      await unlockFromHome(page, 'organizer');
      await moveFocusTo(page, 'tile-checkin');
      await press(page, 'Enter');
      await waitForFocus(page, 'checkin-continue');
      expect(await page.getByTestId('checkin-continue').innerText()).toContain('继续签到：支委会');
      await press(page, 'Enter');
      await page.locator('[data-testid="checkin-screen"][data-phase="run"]').waitFor();

      // Late: past the start plus the grace (checkin.lateGraceMinutes, 10 by default).
      await page.keyboard.type('XY0005');
      await page.keyboard.press('Enter');
      await waitForFeedback('ok', '签到成功（迟到）');
      const late = page.locator('[data-testid="checkin-tile"][data-member="陈志强"]');
      expect(await late.getAttribute('data-status')).toBe('present');
      expect(await late.innerText()).toContain('迟到');

      // Minutes: typed on a keyboard, Right at the end of the text reaches Save.
      await waitForFocus(page, 'letter-A');
      await arrowTo('ArrowDown', 'checkin-minutes');
      await press(page, 'Enter');
      await waitForFocus(page, 'minutes-text');
      await page.keyboard.type('一、传达县委文件\n二、讨论冬春训安排');
      await press(page, 'ArrowRight', 'minutes-save');
      await press(page, 'Enter');
      await page.getByTestId('extras-notice').waitFor();
      expect(await page.getByTestId('extras-notice').innerText()).toMatch(
        /^已保存（\d{2}:\d{2}）$/,
      );
      await page.keyboard.press('Escape');
      await page.getByTestId('extras-minutes').waitFor({ state: 'detached' });
      expect(await page.getByTestId('checkin-screen').getAttribute('data-phase')).toBe('run');

      // Photos: one from a file (the chooser itself is the operating system's), one from the camera.
      await arrowTo('ArrowDown', 'checkin-minutes');
      await press(page, 'ArrowRight', 'checkin-photos');
      await press(page, 'Enter');
      await waitForFocus(page, 'photo-from-file');
      const picture = path.join(ROOT, 'test-results', 'checkin-photo.png');
      fs.mkdirSync(path.dirname(picture), { recursive: true });
      fs.writeFileSync(picture, Buffer.from(PNG_1PX, 'base64'));
      await page.getByTestId('photo-file').setInputFiles(picture);
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="photo-count"]')?.textContent?.includes('1'),
      );
      await press(page, 'ArrowRight', 'photo-from-camera');
      await press(page, 'Enter');
      await page.getByTestId('photo-take').waitFor();
      await page.waitForFunction(
        () =>
          (document.querySelector('video.camera-preview') as HTMLVideoElement | null)?.videoWidth,
      );
      await arrowTo('ArrowRight', 'photo-take');
      await press(page, 'Enter');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="photo-count"]')?.textContent?.includes('2'),
      );
      expect(watch.errors).toEqual([]);
      await context.close();
    } finally {
      await cameraBrowser.close();
    }

    const db = new Database(path.join(target.dataDir, 'station.db'), { readonly: true });
    const minutes = db.prepare('SELECT notes FROM study_sessions WHERE id = ?').get(sessionId);
    const photos = db
      .prepare(
        'SELECT file, mime, source, taken_by AS takenBy FROM session_photos WHERE session_id = ? ORDER BY id',
      )
      .all(sessionId) as { file: string; mime: string; source: string; takenBy: string }[];
    db.close();
    expect(minutes).toEqual({ notes: '一、传达县委文件\n二、讨论冬春训安排' });
    expect(photos.map((p) => [p.mime, p.source, p.takenBy])).toEqual([
      ['image/jpeg', 'file', 'kiosk:organizer'],
      ['image/jpeg', 'camera', 'kiosk:organizer'],
    ]);
    for (const p of photos) {
      expect(p.file.startsWith(`photos/${sessionId}/`)).toBe(true);
      const bytes = fs.readFileSync(path.join(target.dataDir, p.file));
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }
  }, 120_000);
});

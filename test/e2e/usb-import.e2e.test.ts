import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { FaultyServer } from '../helpers/faulty-server.js';
import { station } from '../helpers/station-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import {
  moveFocusTo,
  openKiosk,
  press,
  publishTestCourse,
  screenshot,
  startStalledSync,
  text,
  waitForFocus,
  type RunningStation,
  unlockFromHome,
  useKiosk,
} from './harness.js';

let stick: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  // Stands in for a mounted USB stick: the station lists it beside /media mounts. Set before
  // useKiosk's beforeEach starts the station.
  stick = makeTempDir('station-usb-');
  process.env.STATION_EXPORT_TARGETS = stick.dir;
});
afterAll(() => {
  stick.cleanup();
  delete process.env.STATION_EXPORT_TARGETS;
});

const kiosk = useKiosk({ viewport: { width: 1366, height: 768 } });
let page: Page;
let target: RunningStation;
let server: FaultyServer | undefined;
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  ({ page, target } = kiosk);
  tmp = makeTempDir('usb-e2e-');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  tmp.cleanup();
  for (const f of fs.readdirSync(stick.dir))
    fs.rmSync(path.join(stick.dir, f), { recursive: true });
});

/** A published folder of one course, signed with a county key the station trusts. */
function publishCourse(title: string, version: number, bytes: number): string {
  return publishTestCourse(tmp.dir, target, { title, version, bytes });
}

/** `station content list --json`: what the station's verified cache holds, from outside. */
function courseList(): { title: string; status: string; version: number }[] {
  const list = station(['content', 'list', '--json', '--data', target.dataDir]);
  expect(list.code).toBe(0);
  return (
    JSON.parse(list.stdout) as { courses: { title: string; status: string; version: number }[] }
  ).courses;
}

async function openHome() {
  await openKiosk(page, target);
}

/** With the remote's keys only: a mouse pointer left over a tile would take the focus
 * whenever the page's layout moves a tile under it. */
async function enterOrganizer() {
  await waitForFocus(page, 'tile-organizer');
  await unlockFromHome(page, 'organizer');
}

async function openOrganizer() {
  await openHome();
  await enterOrganizer();
}

const bannerState = (state: string) =>
  page.waitForSelector(`[data-testid="course-update"][data-state="${state}"]`, {
    timeout: 20_000,
  });

it('offers a published folder that appears on a stick, imports it on Enter, and lists the course', async () => {
  const published = publishCourse('村级党课第二讲', 1, 2_000_000);
  await openHome();
  expect(await page.getByTestId('usb-course-hint').count()).toBe(0);

  // The stick is put in: the folder appears all at once, one level below the stick's root. The
  // home screen says where to import it; the organizer's page offers it.
  fs.renameSync(published, path.join(stick.dir, '县里课程'));
  await page.getByTestId('usb-course-hint').waitFor({ timeout: 20_000 });
  expect(await text(page, 'usb-course-hint')).toBe(
    'U盘上有新课程（第 1 版）：请组织者进入“组织者”页面导入',
  );
  await screenshot(page, 'usb-home-hint.png');
  await enterOrganizer();
  await bannerState('offer');
  expect(await text(page, 'course-update')).toContain('在U盘上发现课程（第 1 版，共 1 门）');
  await moveFocusTo(page, 'usb-import');
  await screenshot(page, 'usb-import.png', 'usb-import.png');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'usb-import-1080.png');

  await press(page, 'Enter');
  await bannerState('done');
  expect(await text(page, 'course-update')).toContain('课程已更新到第 1 版，可以播放了');
  expect(
    await page.getByTestId('course-update').getByRole('progressbar').getAttribute('aria-valuenow'),
  ).toBe('100');
  await screenshot(page, 'usb-import-done.png');
  // The remote's focus stayed on the page's course line, not lost with the button.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
    'course-update',
  );

  // Same checks as `station content import`: the CLI sees the verified cache and version.
  expect(courseList()).toContainEqual(
    expect.objectContaining({ title: '村级党课第二讲', status: 'verified', version: 1 }),
  );
  await moveFocusTo(page, 'tile-play');
  await press(page, 'Enter');
  await page.getByTestId('course-pick-screen').waitFor();
  expect(await text(page, 'course-list')).toContain('村级党课第二讲');
}, 90_000);

it('refuses a stick whose manifest was altered, in plain words, and changes nothing', async () => {
  const published = publishCourse('被改过的课', 3, 100_000);
  const manifest = path.join(published, 'manifest.json');
  fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('被改过的课', '假冒的课'));
  await openOrganizer();
  await bannerState('idle');
  expect(await text(page, 'course-update')).toBe('课程已是最新（第 0 版）');
  // The stick appears while the organizer's page is open: its looks every few seconds find it.
  fs.renameSync(published, path.join(stick.dir, '课程'));
  await bannerState('refused');
  expect(await text(page, 'course-update')).toContain(
    'U盘上的课程不能导入：签名无效，文件可能被改动过',
  );
  expect(await page.getByTestId('usb-import').count()).toBe(0);
  await screenshot(page, 'usb-refused.png');
  expect(courseList().map((c) => [c.title, c.version])).toEqual([
    ['示范课程：远程教育终端使用入门', 0],
  ]);
}, 60_000);

it('shows a running course sync as a large progress bar on the organizer page', async () => {
  const published = publishCourse('党课第三讲', 2, 3_000_000);
  const stalled = await startStalledSync(published, target, '/党课第三讲/lecture.mp4');
  server = stalled.server;
  try {
    await openOrganizer();
    await bannerState('running');
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="course-update"] [role="progressbar"]')
            ?.getAttribute('aria-valuenow'),
        ) >= 40,
      undefined,
      { timeout: 20_000 },
    );
    expect(await text(page, 'course-update')).toMatch(
      // One file to fetch: the subtitles are the demo course's, already verified in the cache.
      /^正在更新课程 0\/1 · (4\d|5\d)%( · 约 \d+ 分钟)?\n+更新期间，原有课程照常播放。$/,
    );
    await screenshot(page, 'organizer-course-progress.png', 'organizer-course-progress.png');
  } finally {
    stalled.sync.kill('SIGKILL');
  }
}, 60_000);

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, station } from '../helpers/station-process.js';
import {
  launchChromium,
  openKiosk,
  press,
  screenshot,
  startStation,
  stopAllStations,
  waitForFocus,
  watchPage,
  type PageWatch,
  type RunningStation,
  moveFocusTo,
  unlockFromHome,
} from './harness.js';

// The smallest screen the kiosk is made for; the player screenshot in the docs is taken at it.
const SMALL_TV = { width: 1366, height: 768 };

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
  target = await startStation({ demo: true });
  context = await browser.newContext({ viewport: SMALL_TV, locale: 'en-US' });
  page = await context.newPage();
  watch = watchPage(page, target.origin);
});

afterEach(async () => {
  await context?.close();
  expect(await target.stop()).toBe(0);
  expect(watch.foreignRequests).toEqual([]);
});

/** Where the verified cache keeps a demo file: objects are named by their SHA-256. */
const cachedObject = (name: string) =>
  path.join(target.dataDir, 'cache', 'objects', sha256(path.join(DEMO_COURSE, name)));
const DEMO_COURSE = path.join(ROOT, 'resources', 'demo-course');
const sha256 = (file: string) =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

interface VideoState {
  path: string;
  index: number;
  phase: string;
  time: number;
  paused: boolean;
  muted: boolean;
  volume: number;
  cue: string;
}

/** What the player shows right now, read from the page. */
function videoState(): Promise<VideoState> {
  return page.evaluate(() => {
    const screen = document.querySelector<HTMLElement>('[data-testid="player-screen"]');
    const video = screen?.querySelector('video');
    const showing = video
      ? Array.from(video.textTracks).find((track) => track.mode === 'showing')
      : undefined;
    const cues = showing?.activeCues ? Array.from(showing.activeCues) : [];
    return {
      path: screen?.dataset.path ?? '',
      index: Number(screen?.dataset.index ?? -1),
      phase: screen?.dataset.phase ?? '',
      time: video?.currentTime ?? -1,
      paused: video?.paused ?? true,
      muted: video?.muted ?? true,
      volume: video?.volume ?? 0,
      cue: cues.map((cue) => (cue as VTTCue).text).join(' '),
    };
  });
}

interface VideoWanted {
  path?: string;
  minTime?: number;
  playing?: boolean;
  paused?: boolean;
  cue?: string;
}

/** Waits until the player shows what is wanted (the page's CSP forbids evaluating strings). */
async function waitForVideo(wanted: VideoWanted, timeout = 20_000): Promise<VideoState> {
  await page.waitForFunction(
    (w) => {
      const screen = document.querySelector<HTMLElement>('[data-testid="player-screen"]');
      const video = screen?.querySelector('video');
      if (!screen || !video) return false;
      const showing = Array.from(video.textTracks).find((t) => t.mode === 'showing');
      const cue = showing?.activeCues
        ? Array.from(showing.activeCues)
            .map((c) => (c as VTTCue).text)
            .join(' ')
        : '';
      return (
        (w.path === undefined || screen.dataset.path === w.path) &&
        (w.minTime === undefined || video.currentTime > w.minTime) &&
        (w.playing === undefined || !video.paused === w.playing) &&
        (w.paused === undefined || video.paused === w.paused) &&
        (w.cue === undefined || cue.includes(w.cue))
      );
    },
    wanted,
    { timeout },
  );
  return videoState();
}

/** Home → organizer PIN 1234 → organizer page, with the remote's keys. */
async function openOrganizerPage(): Promise<void> {
  await openKiosk(page, target);
  await unlockFromHome(page, 'organizer');
  await waitForFocus(page, 'lock');
}

/** From the lock button (top right) down onto the 补学 tile, and left onto 播放课程. */
async function focusTile(testId: 'tile-play' | 'tile-makeup'): Promise<void> {
  await moveFocusTo(page, testId);
}

function playLog(): {
  course_id: string;
  file_path: string;
  file_sha256: string;
  session_id: number | null;
  makeup_id: number | null;
  watched: string;
  watched_seconds: number;
}[] {
  const db = new Database(path.join(target.dataDir, 'station.db'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM play_log ORDER BY id').all() as ReturnType<typeof playLog>;
  } finally {
    db.close();
  }
}

describe('the course player in Chromium', () => {
  it('plays the demo MP4 and WebM with sound and Chinese subtitles, seeks with →, and logs proof of play', async () => {
    const started = station([
      'session',
      'start',
      '--kind',
      'collective',
      '--title',
      '十一月集中学习',
      '--data',
      target.dataDir,
    ]);
    expect(started.code).toBe(0);
    const sessionId = Number(started.stdout.trim());

    await openOrganizerPage();
    await focusTile('tile-play');
    await press(page, 'Enter');
    await page.getByTestId('course-pick-screen').waitFor();
    await waitForFocus(page, 'course-all');
    // The organizer is told the plays count for the session under way.
    await page.getByText('播放记录计入正在进行的学习：十一月集中学习').waitFor();
    await screenshot(page, 'course-pick.png');
    await press(page, 'Enter');

    // H.264/AAC MP4 starts by itself, with sound, and shows the first Chinese subtitle.
    let state = await waitForVideo({
      path: 'demo/intro.mp4',
      playing: true,
      minTime: 1,
      cue: '欢迎',
    });
    expect(state).toMatchObject({ path: 'demo/intro.mp4', index: 0, muted: false });
    expect(state.volume).toBeGreaterThan(0);
    expect(state.cue).toContain('欢迎参加党员远程教育示范课程');
    expect(await page.getByTestId('player-title').innerText()).toContain('示范课程');
    // At 1366×768 with a cue showing: the README's picture of the player.
    await screenshot(page, 'player.png', 'player.png');

    // → jumps 30 s ahead (to the last moment of this 24 s file): the MP4 ends, the WebM follows.
    const before = state.time;
    await press(page, 'ArrowRight');
    await page.getByTestId('player-osd').waitFor();
    expect(await page.getByTestId('player-osd').innerText()).toContain('快进 30 秒');
    const jumped = await videoState();
    expect(jumped.path === 'demo/intro.webm' || jumped.time > before + 15).toBe(true);

    // VP9/Opus WebM plays too, subtitles on.
    state = await waitForVideo({
      path: 'demo/intro.webm',
      playing: true,
      minTime: 5.6,
      cue: '本课程',
    });
    expect(state).toMatchObject({ index: 1, muted: false });
    await screenshot(page, 'player-webm.png');

    // ↓ lowers the volume by a tenth; Enter pauses, and the pause is logged.
    await press(page, 'ArrowDown');
    expect((await videoState()).volume).toBeCloseTo(state.volume - 0.1, 5);
    await press(page, 'Enter');
    await waitForVideo({ paused: true });

    // N after the last item: the playlist is over, said in words, with the remote on "again".
    await press(page, 'N');
    await page.getByTestId('player-done').waitFor();
    expect(await page.getByTestId('player-done').innerText()).toContain('全部课件已播放完毕');
    await waitForFocus(page, 'player-again');

    // Back leaves the player (and logs the last stretch), then the course choice.
    await press(page, 'Escape');
    await page.getByTestId('course-pick-screen').waitFor();
    await press(page, 'Escape');
    await page.getByTestId('organizer-screen').waitFor();

    let rows: ReturnType<typeof playLog> = [];
    await expect
      .poll(() => (rows = playLog()).filter((r) => r.file_path.endsWith('.webm')).length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    const mp4 = rows.filter((r) => r.file_path === 'demo/intro.mp4');
    const webm = rows.filter((r) => r.file_path === 'demo/intro.webm');
    expect(mp4.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatchObject({ course_id: 'demo', session_id: sessionId });
    expect(mp4[0]!.file_sha256).toBe(sha256(cachedObject('intro.mp4')));
    expect(webm[0]!.file_sha256).toBe(sha256(cachedObject('intro.webm')));
    // The seek broke the range: the skipped middle of the MP4 is not counted as watched.
    const mp4Ranges = mp4.flatMap((r) => JSON.parse(r.watched) as [number, number][]);
    const mp4Seconds = mp4.reduce((sum, r) => sum + r.watched_seconds, 0);
    expect(mp4Seconds).toBeGreaterThan(0.5);
    expect(mp4Seconds).toBeLessThan(15);
    expect(mp4Ranges.some(([from]) => from < 1)).toBe(true);
    expect(webm.reduce((sum, r) => sum + r.watched_seconds, 0)).toBeGreaterThan(4);
    expect(watch.errors).toEqual([]);
  });

  it('resumes a course where its last showing stopped', async () => {
    // A showing that stopped at 12 s (as the player reports it when the organizer leaves).
    const stopped = await target.rpc('recordPlay', {
      courseId: 'demo',
      path: 'demo/intro.mp4',
      elapsedMs: 0,
      watched: [],
      positionSeconds: 12,
    });
    expect(stopped.status).toBe(200);

    await openOrganizerPage();
    await focusTile('tile-play');
    await press(page, 'Enter');
    await waitForFocus(page, 'course-all');
    await press(page, 'Enter');
    // The third subtitle runs 10.5–15 s: only a resumed video shows it this early.
    // From its first playing moment the video is at 12 s, not at 0 s.
    const state = await waitForVideo({ path: 'demo/intro.mp4', playing: true, minTime: 0 });
    expect(state.time).toBeGreaterThanOrEqual(11.9);
    expect(state.time).toBeLessThan(16);
    await waitForVideo({ cue: '用遥控器的方向键选择' });
    expect(watch.errors).toEqual([]);
  });

  it('shows a Chinese message for a corrupt or missing file, then moves on to the next item', async () => {
    // The storage failed after the files were verified: the MP4's bytes are garbage and the
    // WebM has vanished. The player must say so and move on, never show a black screen.
    const mp4 = cachedObject('intro.mp4');
    const webm = cachedObject('intro.webm');
    const mp4Bytes = fs.readFileSync(mp4);
    const webmBytes = fs.readFileSync(webm);
    try {
      fs.writeFileSync(mp4, crypto.randomBytes(mp4Bytes.length));
      fs.rmSync(webm);
      const logged = playLog().length;

      await openOrganizerPage();
      await focusTile('tile-play');
      await press(page, 'Enter');
      await waitForFocus(page, 'course-all');
      await press(page, 'Enter');

      const message = page.getByTestId('player-error');
      await message.waitFor({ timeout: 20_000 });
      expect(await message.innerText()).toContain('无法播放');
      expect(await message.innerText()).toMatch(/\d 秒后播放下一个/);
      await screenshot(page, 'player-error.png');

      // On its own, after a few seconds: the next item, missing, says so too.
      await page.waitForSelector(
        '[data-testid="player-screen"][data-index="1"][data-phase="failed"]',
        { timeout: 15_000 },
      );
      expect(await message.innerText()).toContain('无法播放');
      // The failed files left no proof of play.
      expect(playLog().length).toBe(logged);
      await press(page, 'Escape');
      await page.getByTestId('course-pick-screen').waitFor();
    } finally {
      fs.writeFileSync(mp4, mp4Bytes);
      fs.writeFileSync(webm, webmBytes);
    }
  });

  it('moves on from a truncated file instead of showing a black screen', async () => {
    // The first 40 % of the MP4: the file was cut on disk after it had been verified.
    const mp4 = cachedObject('intro.mp4');
    const whole = fs.readFileSync(mp4);
    try {
      fs.writeFileSync(mp4, whole.subarray(0, Math.floor(whole.length * 0.4)));
      await openOrganizerPage();
      await focusTile('tile-play');
      await press(page, 'Enter');
      await waitForFocus(page, 'course-all');
      await press(page, 'Enter');
      // Whatever Chromium makes of the cut (an error, an early end or a stall), the next item
      // follows: the WebM plays.
      await waitForVideo({ path: 'demo/intro.webm', playing: true, minTime: 0.5 }, 45_000);
      expect(watch.errors.filter((e) => !e.includes('VIDEOJS'))).toEqual([]);
    } finally {
      fs.writeFileSync(mp4, whole);
    }
  });

  it('records a make-up study: member, session missed, course, and plays that carry its id', async () => {
    // A session that ended without anyone checking in: every member missed it.
    const started = station(
      ['session', 'start', '--kind', 'collective', '--title', '十月集中学习'].concat([
        '--at',
        '2026-10-10T09:00:00+08:00',
        '--data',
        target.dataDir,
      ]),
    );
    const missedId = Number(started.stdout.trim());
    expect(
      station(
        ['session', 'end', String(missedId), '--at', '2026-10-10T11:00:00+08:00'].concat([
          '--data',
          target.dataDir,
        ]),
      ).code,
    ).toBe(0);

    await openOrganizerPage();
    await focusTile('tile-makeup');
    await press(page, 'Enter');
    await page.getByTestId('makeup-members').waitFor();
    const firstName = (await page.getByTestId('makeup-member').first().innerText()).trim();
    await waitForFocus(page, 'makeup-member');
    await press(page, 'Enter');
    await page.getByTestId('makeup-sessions').waitFor();
    await waitForFocus(page, 'makeup-session-none');
    expect(await page.getByTestId('makeup-session').first().innerText()).toContain('十月集中学习');
    await screenshot(page, 'makeup-sessions.png');
    await press(page, 'ArrowDown', 'makeup-session');
    await press(page, 'Enter');
    await page.getByTestId('makeup-courses').waitFor();
    await waitForFocus(page, 'makeup-course-demo');
    await press(page, 'Enter');

    await waitForVideo({ path: 'demo/intro.mp4', playing: true, minTime: 2 });
    expect(await page.getByTestId('player-screen').innerText()).toContain(`补学：${firstName}`);
    await press(page, 'Escape');
    await page.getByTestId('makeup-screen').waitFor();

    await expect.poll(() => playLog().length, { timeout: 10_000 }).toBeGreaterThan(0);
    const db = new Database(path.join(target.dataDir, 'station.db'), { readonly: true });
    try {
      const makeup = db
        .prepare(
          `SELECT s.id, m.name, s.course_id AS courseId, s.ended_at AS endedAt,
             s.for_session_id AS forSessionId
           FROM makeup_studies s JOIN members m ON m.id = s.member_id`,
        )
        .all() as {
        id: number;
        name: string;
        courseId: string;
        endedAt: string | null;
        forSessionId: number | null;
      }[];
      expect(makeup).toHaveLength(1);
      expect(makeup[0]).toMatchObject({
        name: firstName,
        courseId: 'demo',
        forSessionId: missedId,
      });
      expect(makeup[0]!.endedAt).not.toBeNull();
      const rows = playLog();
      expect(rows.every((r) => r.makeup_id === makeup[0]!.id && r.session_id === null)).toBe(true);
      expect(rows.reduce((sum, r) => sum + r.watched_seconds, 0)).toBeGreaterThan(1.5);
    } finally {
      db.close();
    }
    expect(watch.errors).toEqual([]);
  });
});

import { afterEach, expect, it } from 'vitest';
import type { FaultyServer } from '../helpers/faulty-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import {
  openKiosk,
  publishTestCourse,
  screenshot,
  startStalledSync,
  text,
  unlockFromHome,
  useKiosk,
} from './harness.js';

const kiosk = useKiosk();
let server: FaultyServer | undefined;
let tmp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  tmp?.cleanup();
  tmp = undefined;
});

it('shows a running course sync with progress bars on the technician console', async () => {
  tmp = makeTempDir('content-e2e-');
  const { page, target } = kiosk;
  const out = publishTestCourse(tmp.dir, target, {
    title: '党课第一讲',
    version: 1,
    bytes: 3_000_000,
  });
  const stalled = await startStalledSync(out, target, '/党课第一讲/lecture.mp4');
  server = stalled.server;
  try {
    await openKiosk(page, target);
    await unlockFromHome(page, 'technician');
    await page.getByTestId('content-sync').waitFor();
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="content-sync-state"]')
          ?.textContent?.includes('正在同步'),
      undefined,
      { timeout: 20_000 },
    );
    // The panel polls: wait until it shows the bytes that arrived before the link went quiet.
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="content-sync"] [role="progressbar"]')
            ?.getAttribute('aria-valuenow'),
        ) >= 40,
      undefined,
      { timeout: 20_000 },
    );
    const panel = await text(page, 'content-sync');
    expect(panel).toMatch(/正在播放.*第 0 版/);
    expect(panel).toMatch(/正在取得.*第 1 版/);
    expect(panel).toContain('党课第一讲/lecture.mp4');
    await page.getByTestId('content-sync').scrollIntoViewIfNeeded();
    await screenshot(page, 'content-sync.png', 'content-sync.png');
  } finally {
    stalled.sync.kill('SIGKILL');
  }
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { station } from '../helpers/station-process.js';
import { openKiosk, press, screenshot, unlockFromHome, useKiosk } from './harness.js';

const stick = makeTempDir('station-usb-');
beforeAll(() => {
  // Stands in for a mounted USB stick: the station lists it beside /media mounts. Set before
  // useKiosk's beforeEach starts the station.
  process.env.STATION_EXPORT_TARGETS = stick.dir;
});
afterAll(() => {
  stick.cleanup();
  delete process.env.STATION_EXPORT_TARGETS;
});

const kiosk = useKiosk({ viewport: { width: 1280, height: 720 } });
beforeEach(() => {
  const data = kiosk.target.dataDir;
  const at = `${new Date().getFullYear()}-01-05T09:00:00+08:00`;
  const start = ['session', 'start', '--kind', 'collective', '--title', '集中学习', '--at', at];
  const id = station([...start, '--data', data]).stdout.trim();
  station(['checkin', id, '张国庆', '--at', at, '--data', data]);
});

describe('exporting from the organizer page', () => {
  it('writes this year’s attendance to the USB stick with a progress bar', async () => {
    const { page, target } = kiosk;
    await openKiosk(page, target);
    await unlockFromHome(page, 'organizer');
    await page.getByTestId('export-panel').waitFor();
    await page.getByTestId('export-csv').focus();
    await press(page, 'Enter');
    await page.waitForSelector('[data-testid="export-progress"][data-state="done"]');
    const message = await page.getByTestId('export-progress').innerText();
    expect(message).toMatch(/已导出 \d+ 行/);
    const files = fs.readdirSync(stick.dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^出勤记录-\d{4}-01-01-\d{4}-12-31\.csv$/);
    expect(fs.readFileSync(path.join(stick.dir, files[0]!), 'utf8')).toContain('张国庆');
    await page.getByTestId('export-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'organizer-export.png');
  }, 60_000);
});

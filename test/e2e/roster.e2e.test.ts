/**
 * The organizer's roster on the kiosk: add a member (name typed on a keyboard, post chosen with
 * OK), mark one as transferred with the PIN, and import a GBK roster after its preview.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ROOT, station } from '../helpers/station-process.js';
import {
  openKiosk,
  press,
  screenshot,
  useKiosk,
  waitForFocus,
  moveFocusTo,
  unlockFromHome,
  enterPin,
} from './harness.js';

// The page is also checked for errors and requests to anywhere but the station (useKiosk).
const kiosk = useKiosk({ viewport: { width: 1366, height: 768 } });

function membersJson(): { name: string; role: string; state?: string }[] {
  const r = station(['members', 'list', '--json', '--data', kiosk.target.dataDir]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { members: { name: string; role: string; state?: string }[] })
    .members;
}

describe('the roster on the kiosk', () => {
  it('adds, transfers and imports members from the organizer page', async () => {
    const { page, target } = kiosk;
    await openKiosk(page, target);
    await unlockFromHome(page, 'organizer');
    await moveFocusTo(page, 'tile-roster');
    await press(page, 'Enter');
    await page.getByTestId('roster-screen').waitFor();
    await waitForFocus(page, 'roster-add');

    // Add: the name from a keyboard, the post by pressing OK until it reads 组织委员.
    await press(page, 'Enter');
    await waitForFocus(page, 'form-name');
    await page.keyboard.type('赵新一');
    await press(page, 'ArrowRight', 'form-post');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
    expect(await page.getByTestId('form-post').innerText()).toContain('组织委员');
    await screenshot(page, 'roster-form.png');
    await page.getByTestId('form-card').fill('NEW001');
    await page.getByTestId('form-save').focus();
    await press(page, 'Enter');
    await page.getByTestId('member-form').waitFor({ state: 'detached' });
    expect(await page.getByTestId('roster-notice').innerText()).toContain('已保存：赵新一');
    expect(membersJson().find((m) => m.name === '赵新一')).toMatchObject({ role: 'committee' });

    // Transfer 王建军 out: his tile, the button, the PIN.
    await page.locator('[data-testid="roster-member"][data-member="王建军"]').focus();
    await press(page, 'Enter');
    await page.getByTestId('member-form').waitFor();
    await page.getByTestId('form-transferred').focus();
    await press(page, 'Enter');
    await enterPin(page, '1234', 'pin-confirm');
    await page
      .locator('[data-testid="roster-member"][data-member="王建军"][data-state="transferred"]')
      .waitFor();

    // Import: the preview first, then all of it.
    const file = path.join(ROOT, 'test-results', 'kiosk-roster-gbk.csv');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      iconv.encode(
        '姓名,性别,职务,卡号\r\n钱新二,女,党员,NEW002\r\n孙新三,男,宣传委员,NEW003\r\n',
        'gbk',
      ),
    );
    await page.getByTestId('roster-import').focus();
    await press(page, 'Enter');
    await waitForFocus(page, 'import-choose');
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-preview').innerText()).toContain('将新增 2 人');
    await screenshot(page, 'roster-import.png');
    expect(membersJson().some((m) => m.name === '钱新二')).toBe(false);
    await page.getByTestId('import-go').focus();
    await press(page, 'Enter');
    await page.getByTestId('import-done').waitFor();
    expect(membersJson().filter((m) => ['钱新二', '孙新三'].includes(m.name))).toHaveLength(2);
  }, 120_000);
});

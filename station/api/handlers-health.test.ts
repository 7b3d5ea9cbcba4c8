import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEALTH_ITEM_IDS } from '../../common/contract-health.js';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { fixedClock } from '../clock.js';
import { openStation, type Station } from '../service.js';
import { dispatch } from './dispatch.js';

let tmp: ReturnType<typeof makeTempDir>;
let station: Station;
beforeEach(async () => {
  tmp = makeTempDir();
  station = await openStation({ dataDir: tmp.dir, demo: true });
});
afterEach(async () => {
  await station.close();
  tmp.cleanup();
});

async function grantFor(role: 'organizer' | 'technician', pin: string): Promise<string> {
  const r = await dispatch(station, 'unlock', { role, pin });
  return (r.body as { value: { grant: string } }).value.grant;
}

describe('health methods', () => {
  it('need the technician grant', async () => {
    const organizer = await grantFor('organizer', '1234');
    for (const method of ['getHealthConsole', 'runSelfTest', 'correctTimeFromHub']) {
      const r = await dispatch(station, method, { grant: organizer });
      expect(r.status, method).toBe(401);
    }
    expect((await dispatch(station, 'setHubUrl', { grant: organizer, url: '' })).status).toBe(401);
  });

  it('give the console every graded item in words, and refuse a bad hub address', async () => {
    const grant = await grantFor('technician', '5678');
    const r = await dispatch(station, 'getHealthConsole', { grant });
    expect(r.status).toBe(200);
    const view = (r.body as { value: { items: { id: string; label: string; text: string }[] } })
      .value;
    expect(view.items.map((i) => i.id)).toEqual([...HEALTH_ITEM_IDS]);
    expect(view.items.find((i) => i.id === 'hub')).toMatchObject({
      label: '县平台连接',
      text: '尚未设置县平台地址',
    });
    expect((await dispatch(station, 'setHubUrl', { grant, url: 'ftp://x' })).status).toBe(400);
    const noHub = await dispatch(station, 'correctTimeFromHub', { grant });
    expect(noHub).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringContaining('县平台地址') } },
    });
  });

  it('correct the time by hand in the station zone, refusing an impossible time', async () => {
    const grant = await grantFor('technician', '5678');
    expect((await dispatch(station, 'setTimeManually', { grant, local: 'soon' })).status).toBe(400);
    expect(
      (await dispatch(station, 'setTimeManually', { grant, local: '2026-13-40 25:99' })).status,
    ).toBe(400);
    // Each field in range, but no such day: refused, not rolled over to 2 March.
    expect(
      (await dispatch(station, 'setTimeManually', { grant, local: '2026-02-30 10:00' })).status,
    ).toBe(400);
    const r = await dispatch(station, 'setTimeManually', { grant, local: '2026-11-26 15:30' });
    expect(r.body).toMatchObject({
      ok: true,
      value: { trusted: true, lastGoodSource: 'technician-manual' },
    });
    // 15:30 in Asia/Shanghai is 07:30 UTC: the station's clock now reads about that.
    const now = Date.parse((r.body as { value: { now: string } }).value.now);
    expect(Math.abs(now - Date.parse('2026-11-26T07:30:00Z'))).toBeLessThan(60_000);
  });

  it('the home screen health dot warns while the clock is not trusted', async () => {
    const home = async (s: Station) =>
      ((await dispatch(s, 'getHome', {})).body as { value: { status: { health: string } } }).value
        .status.health;
    expect(['ok', 'unknown']).toContain(await home(station));
    await station.close();
    station = await openStation({ dataDir: tmp.dir, clock: fixedClock('2000-01-01T00:00:00Z') });
    expect(await home(station)).toBe('warn');
  });
});

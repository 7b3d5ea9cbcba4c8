import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { fixedClock } from '../clock.js';
import { openStation, type Station } from '../service.js';
import { dispatch } from './dispatch.js';

let tmp: ReturnType<typeof makeTempDir>;
let station: Station;
beforeEach(async () => {
  tmp = makeTempDir();
  station = await openStation({
    dataDir: tmp.dir,
    clock: fixedClock('2026-11-26T02:00:00Z'),
    demo: true,
  });
});
afterEach(async () => {
  await station.close();
  tmp.cleanup();
});

const call = (method: string, input: unknown) => dispatch(station, method, input);
async function technician(): Promise<string> {
  const r = await call('unlock', { role: 'technician', pin: '5678' });
  return (r.body as { ok: true; value: { grant: string } }).value.grant;
}

describe('equipment register over the StationApi', () => {
  it('needs the technician grant', async () => {
    const organizer = (await call('unlock', { role: 'organizer', pin: '1234' })).body as {
      ok: true;
      value: { grant: string };
    };
    const r = await call('getEquipmentRegister', { grant: organizer.value.grant });
    expect(r.status).toBe(401);
  });

  it('adds an item with the policy life, marks its status and logs maintenance', async () => {
    const grant = await technician();
    const added = await call('addEquipment', {
      grant,
      kind: 'terminal',
      model: '联想 M720',
      serial: 'PC-1',
      purchased: '2019-07-01',
    });
    expect(added.body).toMatchObject({
      ok: true,
      value: { id: 1, lifeYears: 6, replaceBy: '2025-07-01', due: 'overdue', status: 'in_use' },
    });
    await call('setEquipmentStatus', { grant, id: 1, status: 'under_repair' });
    const logged = await call('addMaintenanceEntry', { grant, id: 1, work: '更换电源' });
    expect(logged.body).toMatchObject({
      ok: true,
      value: {
        status: 'under_repair',
        maintenance: [{ doneOn: '2026-11-26', work: '更换电源', doneBy: 'technician' }],
      },
    });
    const register = await call('getEquipmentRegister', { grant });
    expect(register.body).toMatchObject({
      ok: true,
      value: {
        today: '2026-11-26',
        items: [{ id: 1 }],
        lifeYearsByKind: { terminal: 6, router: 5 },
      },
    });
  });

  it('refuses a future purchase date, an unknown kind and an unknown item', async () => {
    const grant = await technician();
    const base = { grant, kind: 'ups', model: '山特', purchased: '2026-11-27' };
    expect((await call('addEquipment', base)).status).toBe(400);
    expect((await call('addEquipment', { ...base, kind: 'fridge' })).status).toBe(400);
    expect((await call('setEquipmentStatus', { grant, id: 9, status: 'faulty' })).status).toBe(404);
  });
});

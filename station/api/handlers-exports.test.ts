import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHandlerStation, type HandlerStation } from '../../test/helpers/handler-station.js';
import type { Db } from '../db/open.js';
import { findMember } from '../attendance/member-lookup.js';
import { checkIn, startSession } from '../attendance/sessions.js';
import { createExportHandlers } from './handlers-exports.js';
import { removableMountPoints } from '../exports/usb-targets.js';

let station: HandlerStation;
let db: Db;
let stick: string;
let handlers: ReturnType<typeof createExportHandlers>;

beforeEach(() => {
  station = openHandlerStation();
  db = station.db;
  db.prepare(`UPDATE members SET created_at = '2020-01-01T00:00:00.000Z'`).run();
  const at = new Date('2026-11-14T01:00:00Z');
  const s = startSession(db, { kind: 'collective', title: '集中学习', at, by: 't' }, at);
  checkIn(db, s.id, findMember(db, '张国庆'), at, 't', at);
  stick = path.join(station.dir, 'USB 盘');
  fs.mkdirSync(stick);
  handlers = createExportHandlers(station.ctx, {
    listTargets: () => [{ path: stick, label: 'USB 盘', freeBytes: 1e9 }],
  });
});
afterEach(() => station.cleanup());

describe('organizer exports over the StationApi', () => {
  it('exports to a listed USB stick in the background, with progress to poll', async () => {
    const grant = station.grant('organizer');
    expect(handlers.listExportTargets({ grant })).toHaveLength(1);
    const job = handlers.startAttendanceExport({
      grant,
      format: 'xlsx',
      from: '2026-11-01',
      to: '2026-11-30',
      target: stick,
    });
    expect(job).toMatchObject({ state: 'running', total: 30 });
    expect(job.file).toBe(path.join(stick, '出勤记录-2026-11-01-2026-11-30.xlsx'));
    let view = handlers.getExportJob({ grant, id: job.id });
    for (let i = 0; i < 200 && view.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = handlers.getExportJob({ grant, id: job.id });
    }
    expect(view).toMatchObject({ state: 'done', rows: 30, error: null });
    expect(fs.statSync(job.file).size).toBeGreaterThan(1000);
  });

  it('writes only to listed places, only for the organizer, and checks the range first', () => {
    const organizer = station.grant('organizer');
    const technician = station.grant('technician');
    const base = { format: 'csv' as const, from: '2026-11-01', to: '2026-11-30' };
    expect(() =>
      handlers.startAttendanceExport({ grant: organizer, ...base, target: '/etc' }),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() =>
      handlers.startAttendanceExport({ grant: technician, ...base, target: stick }),
    ).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));
    expect(() =>
      handlers.startAttendanceExport({
        grant: organizer,
        ...base,
        from: '2026-12-01',
        target: stick,
      }),
    ).toThrow(expect.objectContaining({ key: 'rangeReversed' }));
    expect(fs.readdirSync(stick)).toEqual([]);
  });

  it('finds USB sticks in /proc/mounts', () => {
    const mounts = [
      '/dev/sda1 / ext4 rw 0 0',
      '/dev/sdb1 /media/pi/KINGSTON vfat rw 0 0',
      '/dev/sdc1 /run/media/user/U\\040DISK vfat rw 0 0',
      'tmpfs /run tmpfs rw 0 0',
    ].join('\n');
    expect(removableMountPoints(mounts)).toEqual(['/media/pi/KINGSTON', '/run/media/user/U DISK']);
  });
});

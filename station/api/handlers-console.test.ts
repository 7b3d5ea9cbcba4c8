import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHandlerStation, type HandlerStation } from '../../test/helpers/handler-station.js';
import type { Db } from '../db/open.js';
import { writeSetting } from '../settings/store.js';
import { StationFailure } from '../errors.js';
import { createConsoleHandlers } from './handlers-console.js';

let station: HandlerStation;
let db: Db;
let sticks: { path: string; label: string; freeBytes: number }[];
let handlers: ReturnType<typeof createConsoleHandlers>;

beforeEach(() => {
  station = openHandlerStation();
  db = station.db;
  sticks = [];
  handlers = createConsoleHandlers(station.ctx, { listTargets: () => sticks });
});
afterEach(() => station.cleanup());

const failureKey = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof StationFailure ? err.key : String(err);
  }
  return null;
};

describe('technician console actions', () => {
  it('writes the diagnostics zip onto the USB stick, one a standard unzip opens', () => {
    const grant = station.grant('technician');
    expect(failureKey(() => handlers.exportDiagnostics({ grant }))).toBe('noUsbStick');
    const stick = path.join(station.dir, 'U盘');
    fs.mkdirSync(stick);
    sticks.push({ path: stick, label: 'U盘', freeBytes: 1e9 });
    const { file, entries } = handlers.exportDiagnostics({ grant });
    expect(path.dirname(file)).toBe(stick);
    expect(fs.readdirSync(stick)).toEqual([path.basename(file)]); // no temporary left behind
    expect(entries).toBeGreaterThan(3);
    const listing = spawnSync('unzip', ['-l', file], { encoding: 'utf8' });
    expect(listing.status).toBe(0);
    expect(listing.stdout).toContain('settings.json');
  });

  it('needs the technician, and a sync address before it syncs', () => {
    const organizer = station.grant('organizer');
    expect(failureKey(() => handlers.exportDiagnostics({ grant: organizer }))).not.toBeNull();
    const grant = station.grant('technician');
    expect(failureKey(() => handlers.syncContentNow({ grant }))).toBe('contentSyncUrlMissing');
    writeSetting(db, 'content.syncUrl', 'http://127.0.0.1:9/courses/', new Date());
    expect(handlers.syncContentNow({ grant })).toEqual({
      started: true,
      url: 'http://127.0.0.1:9/courses/',
    });
  });
});

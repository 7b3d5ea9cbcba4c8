import type Database from 'better-sqlite3';
import { m001Initial } from './001-initial.js';
import { m002Attendance } from './002-attendance.js';
import { m003PlayLog } from './003-play-log.js';
import { m004Equipment } from './004-equipment.js';
import { m005Player } from './005-player.js';
import { m006Health } from './006-health.js';
import { m007Checkin } from './007-checkin.js';
import { m008Schedule } from './008-schedule.js';
import { m009Evidence } from './009-evidence.js';
import { m010Content } from './010-content.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/**
 * Every migration the station knows, in order. Never edit one that has shipped: add the next
 * number. Each runs in its own transaction together with its `PRAGMA user_version` bump.
 */
export const MIGRATIONS: readonly Migration[] = [
  m001Initial,
  m002Attendance,
  m003PlayLog,
  m004Equipment,
  m005Player,
  m006Health,
  m007Checkin,
  m008Schedule,
  m009Evidence,
  m010Content,
];

export const LATEST_VERSION = MIGRATIONS.length;

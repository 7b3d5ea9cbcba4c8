import type Database from 'better-sqlite3';
import { m001Initial } from './001-initial.js';
import { m002Attendance } from './002-attendance.js';
import { m003PlayLog } from './003-play-log.js';
import { m004Content } from './004-content.js';

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
  m004Content,
];

export const LATEST_VERSION = MIGRATIONS.length;

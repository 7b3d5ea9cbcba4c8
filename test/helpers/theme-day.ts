import path from 'node:path';
import Database from 'better-sqlite3';
import { station } from './station-process.js';

/**
 * The session the sign-in sheet and printing tests print: a 主题党日 on 2026-11-14 at 09:00
 * (+08:00) on a demo station, with 张国庆 checked in at `checkinAt`. Returns its id.
 */
export function startThemeDay(
  dataDir: string,
  { checkinAt, env = {} }: { checkinAt: string; env?: NodeJS.ProcessEnv },
): string {
  const run = (...args: string[]) => {
    const r = station([...args, '--data', dataDir], env);
    if (r.code !== 0) throw new Error(`station ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const id = run(
    'session',
    'start',
    '--kind',
    'theme-day',
    '--title',
    '主题党日：学习二十大精神',
    '--at',
    '2026-11-14T09:00:00+08:00',
  );
  run('checkin', id, '张国庆', '--at', checkinAt);
  return id;
}

/**
 * The demo roster is entered "now"; pretend it was entered long ago so that everyone is expected
 * at a session dated before the test ran.
 */
export function backdateRoster(dataDir: string): void {
  // better-sqlite3 (a dependency) rather than the sqlite3 CLI, which a machine need not have.
  const db = new Database(path.join(dataDir, 'station.db'));
  try {
    db.prepare("UPDATE members SET created_at = '2020-01-01T00:00:00.000Z'").run();
  } finally {
    db.close();
  }
}

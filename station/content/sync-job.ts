import type { Db } from '../db/open.js';
import { syncWindowEnd } from '../domain/sync-window.js';
import type { JobDefinition } from '../jobs/job.js';
import { readSettings } from '../settings/store.js';
import { syncFromUrl } from './sync.js';

/**
 * The scheduled course sync (`content-sync`): at `content.syncSchedule` (01:00 by default) it
 * syncs from `content.syncUrl`, stops starting new downloads at `content.syncWindowEndHour`, and
 * keeps partial files so the next night resumes them. Does nothing while no URL is configured.
 * The schedule is read when the runner builds its jobs; a changed setting applies at restart.
 */
export function contentSyncJob(db: Db): JobDefinition {
  return {
    id: 'content-sync',
    // A night's download can take hours: never hold up the service's start for it.
    catchUpInBackground: true,
    schedule: readSettings(db)['content.syncSchedule'],
    async run(ctx) {
      const s = readSettings(ctx.db);
      if (!s['content.syncUrl']) return;
      const deadline = syncWindowEnd(ctx.clock.now(), s['content.syncWindowEndHour'], s.timeZone);
      const report = await syncFromUrl(ctx.db, ctx.clock, s['content.syncUrl'], { deadline });
      if (report.status === 'incomplete') {
        throw new Error(
          `content sync incomplete: ${report.failed.map((f) => `${f.path} (${f.reason})`).join(', ')}`,
        );
      }
    },
  };
}

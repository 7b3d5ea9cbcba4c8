import type { ContentStatus } from '../../common/contract-content.js';
import { readProgress } from '../content/progress.js';
import { acceptedManifest, activeManifest, cacheDirs } from '../content/store.js';
import type { HandlerContext, Handlers } from './handlers.js';

/** StationApi methods of the content cache (common/contract-content.ts). */
export function createContentHandlers(ctx: HandlerContext): Pick<Handlers, 'getContentStatus'> {
  const { db, grants } = ctx;
  return {
    getContentStatus: ({ grant }): ContentStatus => {
      // The organizer's page shows the same progress as a bar.
      grants.require(grant, 'technician', 'organizer');
      return {
        activeVersion: activeManifest(db)?.version ?? null,
        acceptedVersion: acceptedManifest(db)?.version ?? null,
        progress: readProgress(cacheDirs(db).root),
      };
    },
  };
}

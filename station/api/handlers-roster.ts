import { checkStationPin } from '../auth/pins.js';
import { translator } from '../i18n/index.js';
import { importRosterFile, stationToday } from '../members/import/apply.js';
import { problemLine, warningLine } from '../members/import/problems.js';
import {
  rosterMember,
  saveMemberForm,
  setMemberState,
  toRosterMember,
} from '../members/kiosk-roster.js';
import { listMembers } from '../members/repository.js';
import type { RosterSearch } from '../members/roster-search.js';
import { readSettings } from '../settings/store.js';
import type { HandlerContext, Handlers } from './handlers.js';

type RosterMethods = 'listRoster' | 'saveMember' | 'setMemberState' | 'importRoster';

/**
 * The organizer's roster page on the kiosk: add, edit, mark as left or transferred, import a file.
 * Every change tells the check-in search that the roster changed.
 */
export function createRosterHandlers(
  ctx: HandlerContext,
  roster: RosterSearch,
): Pick<Handlers, RosterMethods> {
  const { db, clock, grants } = ctx;
  const organizer = (grant: string) => grants.require(grant, 'organizer');

  return {
    listRoster: ({ grant }) => {
      organizer(grant);
      return listMembers(db).map(toRosterMember);
    },

    saveMember: ({ grant, ...form }) => {
      organizer(grant);
      const now = clock.now();
      const id = saveMemberForm(db, form, stationToday(db, now), now);
      roster.invalidate();
      return rosterMember(db, id);
    },

    setMemberState: ({ memberId, state, pin }) => {
      // The PIN proves the organizer by itself (see handlers-checkin.ts).
      checkStationPin(db, 'organizer', pin, clock.now());
      setMemberState(db, memberId, state, clock.now());
      roster.invalidate();
      return rosterMember(db, memberId);
    },

    importRoster: async ({ grant, dataBase64, dryRun }) => {
      organizer(grant);
      const outcome = await importRosterFile(db, Buffer.from(dataBase64, 'base64'), {
        now: clock.now(),
        dryRun,
      });
      if (outcome.applied) roster.invalidate();
      const t = translator(readSettings(db).language);
      return {
        applied: outcome.applied,
        created: outcome.plan.counts.created,
        updated: outcome.plan.counts.updated,
        unchanged: outcome.plan.counts.unchanged,
        problems: outcome.plan.problems.map((p) => problemLine(p, t)),
        warnings: outcome.roster.warnings.map((w) => warningLine(w, t)),
      };
    },
  };
}

import type {
  CheckinMember,
  CheckinResult,
  CheckinSessionView,
} from '../../common/contract-checkin.js';
import { checkStationPin } from '../auth/pins.js';
import { StationFailure } from '../errors.js';
import { isoWithOffset, zonedParts } from '../domain/zoned-time.js';
import { getSetting, readSettings } from '../settings/store.js';
import { RosterSearch } from '../members/roster-search.js';
import type { MemberRef } from '../attendance/member-lookup.js';
import {
  checkIn,
  checkOut,
  endSession,
  getSession,
  recordExcused,
  startSession,
} from '../attendance/sessions.js';
import { lateAfter, runningSessionId, sessionView } from '../attendance/checkin-view.js';
import { SessionCounter } from '../attendance/session-counts.js';
import { addPhoto, readPhoto, saveMinutes } from '../attendance/session-extras.js';
import type { HandlerContext, Handlers } from './handlers.js';
import { createRosterHandlers } from './handlers-roster.js';

type CheckinMethods =
  | 'startCheckinSession'
  | 'getCheckinSession'
  | 'checkinMember'
  | 'searchMembers'
  | 'checkoutMember'
  | 'excuseMember'
  | 'endCheckinSession'
  | 'saveSessionMinutes'
  | 'addSessionPhoto'
  | 'getSessionPhoto'
  | 'listRoster'
  | 'saveMember'
  | 'setMemberState'
  | 'importRoster';

/**
 * Who ran an action, as the attendance log records it. The kiosk knows the role that unlocked it,
 * not a person; `+pin` marks the actions the organizer confirmed by entering the PIN again.
 */
export const BY_ORGANIZER = 'kiosk:organizer';
export const BY_ORGANIZER_PIN = 'kiosk:organizer+pin';

interface MemberLookupRow {
  id: number;
  name: string;
  state: string;
  role: CheckinMember['role'];
  roleTitle: string | null;
}

/** The kiosk's handlers for running a session; every one needs the organizer's grant. */
export function createCheckinHandlers(ctx: HandlerContext): Pick<Handlers, CheckinMethods> {
  const { db, clock, grants } = ctx;
  const roster = new RosterSearch(db);
  // Prepared once: a check-in is the kiosk's hot path (issue 4 wants it within 2× a bare insert).
  const memberById = db.prepare(
    'SELECT id, name, state, role, role_title AS roleTitle FROM members WHERE id = ?',
  );
  const memberByCard = db.prepare(
    'SELECT id, name, state, role, role_title AS roleTitle FROM members WHERE card_code = ?',
  );
  const counter = new SessionCounter(db);

  const organizer = (grant: string) => grants.require(grant, 'organizer');

  /**
   * The organizer's PIN typed again. It proves the organizer by itself, so it stands in for a
   * grant that lapsed while the session ran (sessions last longer than pin.grantMinutes).
   */
  const confirmPin = (pin: string) => checkStationPin(db, 'organizer', pin, clock.now());

  const view = (sessionId: number): CheckinSessionView => {
    const s = readSettings(db);
    return sessionView(db, sessionId, {
      graceMinutes: s['checkin.lateGraceMinutes'],
      timeZone: s.timeZone,
      rosterSize: roster.current().size,
    });
  };

  const memberOf = (id: number): MemberLookupRow => {
    const row = memberById.get(id) as MemberLookupRow | undefined;
    if (!row) throw new StationFailure('NOT_FOUND', 'memberNotFound', { query: String(id) });
    return row;
  };

  /** "15:42" in the station's zone: what the people in the room read on the wall clock. */
  const wallTime = (iso: string) => {
    const p = zonedParts(new Date(iso), getSetting(db, 'timeZone'));
    return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  };

  /**
   * The two refusals a room sees most, worded for the screen (a time of day, not an ISO stamp).
   * checkIn() decides them; this only chooses the sentence.
   */
  const onScreen = (err: unknown): unknown => {
    if (!(err instanceof StationFailure)) return err;
    const { key, params } = err;
    if (key === 'alreadyCheckedIn') {
      return new StationFailure('CONFLICT', 'checkinTwice', {
        name: params.name!,
        time: wallTime(String(params.at)),
      });
    }
    if (key === 'sessionEnded') {
      return new StationFailure('CONFLICT', 'checkinSessionEnded', {
        title: params.title!,
        time: wallTime(String(params.at)),
      });
    }
    return err;
  };

  const asRef = (m: MemberLookupRow): MemberRef => ({
    id: m.id,
    name: m.name,
    state: m.state,
    role: m.role,
  });

  /**
   * A check-in from lookup to answer in one transaction: the member and session reads, the
   * refusals, the record with its evidence-chain link (checkIn, a savepoint in here) and the
   * counts. One commit, so one fsync; and the reads share it, where each read on its own opens
   * and closes a read transaction on the WAL index (system calls that cost more than the read).
   * The answer is built before COMMIT but only returned once COMMIT succeeded (synchronous=FULL):
   * the ✓ follows the disk. IMMEDIATE: the checks read under the write lock.
   */
  const checkinNow = db.transaction(
    (
      sessionId: number,
      memberId: number | undefined,
      code: string | undefined,
      rosterSize: number,
    ): CheckinResult => {
      let member: MemberLookupRow;
      if (code !== undefined) {
        const byCard = memberByCard.get(code) as MemberLookupRow | undefined;
        if (!byCard) throw new StationFailure('NOT_FOUND', 'cardNotFound', { code });
        member = byCard;
      } else {
        member = memberOf(memberId!);
      }
      const now = clock.now();
      try {
        checkIn(db, sessionId, asRef(member), now, BY_ORGANIZER, now);
      } catch (err) {
        throw onScreen(err);
      }
      const lateFrom = lateAfter(
        getSession(db, sessionId),
        getSetting(db, 'checkin.lateGraceMinutes'),
      );
      return {
        member: {
          id: member.id,
          name: member.name,
          role: member.role,
          roleTitle: member.roleTitle,
        },
        at: isoWithOffset(now, getSetting(db, 'timeZone')),
        late: now > lateFrom,
        // Kept up to date from the records written since the last call, not re-aggregated.
        counts: counter.counts(sessionId, lateFrom, rosterSize),
      };
    },
  );

  return {
    ...createRosterHandlers(ctx, roster),

    startCheckinSession: ({ grant, kind, title }) => {
      organizer(grant);
      const now = clock.now();
      const s = startSession(db, { kind, title, at: now, by: BY_ORGANIZER }, now);
      return view(s.id);
    },

    getCheckinSession: ({ grant, sessionId }) => {
      organizer(grant);
      const id = sessionId ?? runningSessionId(db);
      if (id === null) return null;
      // view() builds the search index too, so the first keystroke on the screen does not pay for it.
      return view(id);
    },

    checkinMember: ({ grant, sessionId, memberId, code }) => {
      organizer(grant);
      // Before the transaction: a changed roster rebuilds the search index here, not while the
      // write lock is held.
      const rosterSize = roster.current().size;
      try {
        return checkinNow.immediate(sessionId, memberId, code, rosterSize);
      } catch (err) {
        // A refusal comes before the counts are read; anything else (a failed COMMIT) may come
        // after the counter folded the rolled-back record in.
        if (!(err instanceof StationFailure)) counter.forget(sessionId);
        throw err;
      }
    },

    searchMembers: ({ grant, query, limit }) => {
      organizer(grant);
      const index = roster.current();
      const { hits, total } = index.search(query, limit);
      return { members: hits.map((h) => h.member), total, rosterSize: index.size };
    },

    checkoutMember: ({ sessionId, memberId, pin }) => {
      confirmPin(pin);
      const member = memberOf(memberId);
      const session = getSession(db, sessionId);
      const now = clock.now();
      // Leaving after the end is not leaving early: the session's end already closed presence.
      if (session.endedAt) {
        throw new StationFailure('CONFLICT', 'sessionAlreadyEnded', { title: session.title });
      }
      checkOut(db, sessionId, asRef(member), now, BY_ORGANIZER_PIN, now);
      return view(sessionId);
    },

    excuseMember: ({ sessionId, memberId, reason, pin }) => {
      confirmPin(pin);
      const member = memberOf(memberId);
      recordExcused(db, sessionId, asRef(member), reason, BY_ORGANIZER_PIN, clock.now());
      return view(sessionId);
    },

    endCheckinSession: ({ sessionId, pin }) => {
      confirmPin(pin);
      endSession(db, sessionId, clock.now(), BY_ORGANIZER_PIN);
      return view(sessionId);
    },

    saveSessionMinutes: ({ grant, sessionId, text }) => {
      organizer(grant);
      getSession(db, sessionId);
      saveMinutes(db, sessionId, text, BY_ORGANIZER, clock.now());
      return view(sessionId);
    },

    addSessionPhoto: ({ grant, sessionId, mime, source, dataBase64 }) => {
      organizer(grant);
      getSession(db, sessionId);
      const bytes = Buffer.from(dataBase64, 'base64');
      const photo = addPhoto(
        db,
        ctx.dataDir,
        { sessionId, mime, bytes, source, by: BY_ORGANIZER },
        clock.now(),
      );
      const tz = readSettings(db).timeZone;
      return { ...photo, takenAt: isoWithOffset(new Date(photo.takenAt), tz) };
    },

    getSessionPhoto: ({ grant, photoId }) => {
      organizer(grant);
      const photo = readPhoto(db, ctx.dataDir, photoId);
      return { id: photo.id, mime: photo.mime, dataBase64: photo.bytes.toString('base64') };
    },
  };
}

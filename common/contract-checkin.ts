/**
 * The kiosk side of running a session (issue 4, "Running a session"): start it, check members in
 * by tile, pinyin search or card code, check out, excused absence, end, minutes and photos.
 * Every method needs the organizer's grant; check-out, absence and end also take the organizer's
 * PIN again, because they change a member's record after the fact.
 *
 * Spread into `contract` in contract.ts. The schemas are declared here, not imported from
 * contract.ts, because contract.ts imports this module (a cycle would leave them undefined).
 */
import { z } from 'zod';
import { Grant, method } from './contract-method.js';
import { SESSION_KINDS, type SessionKind } from './session-kinds.js';

/** The kinds a session can be started as: all of common/session-kinds.ts. */
export type CheckinSessionKind = SessionKind;

export type MemberRoleGroup = 'secretary' | 'committee' | 'member';

export interface CheckinMember {
  id: number;
  name: string;
  role: MemberRoleGroup;
  roleTitle: string | null;
}

export type AttendeeStatus = 'present' | 'left' | 'excused';

export interface CheckinAttendee extends CheckinMember {
  status: AttendeeStatus;
  /** ISO 8601 with offset, in the station's zone. */
  checkedInAt: string | null;
  checkedOutAt: string | null;
  /** Checked in after the session start plus the grace (setting checkin.lateGraceMinutes). */
  late: boolean;
  reason: string | null;
  /** Who recorded the last change: e.g. `kiosk:organizer`, `kiosk:organizer+pin`. */
  recordedBy: string;
}

export interface CheckinCounts {
  /** Active members on the roster. */
  roster: number;
  present: number;
  left: number;
  excused: number;
  late: number;
  /** Active members with no record in this session. */
  absent: number;
}

export interface SessionPhotoInfo {
  id: number;
  takenAt: string;
  takenBy: string;
  source: 'file' | 'camera';
  bytes: number;
}

export interface CheckinSessionView {
  id: number;
  kind: CheckinSessionKind;
  title: string;
  startedAt: string;
  endedAt: string | null;
  startedBy: string;
  endedBy: string | null;
  /** A check-in at or after this instant is late. */
  lateAfter: string;
  counts: CheckinCounts;
  attendees: CheckinAttendee[];
  minutes: string;
  minutesSavedAt: string | null;
  photos: SessionPhotoInfo[];
}

export interface CheckinResult {
  member: CheckinMember;
  at: string;
  late: boolean;
  counts: CheckinCounts;
}

export interface MemberSearchResult {
  members: CheckinMember[];
  /** How many matched in all (`members` holds at most `limit`). */
  total: number;
  rosterSize: number;
}

export interface SessionPhotoData {
  id: number;
  mime: string;
  dataBase64: string;
}

/** A member as the organizer edits them on the kiosk (personal data limited to what rules need). */
export interface RosterMember {
  id: number;
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  joinedOn: string | null;
  status: 'full' | 'probationary';
  role: MemberRoleGroup;
  roleTitle: string | null;
  phone: string | null;
  isMobile: boolean;
  worksIn: string | null;
  cardCode: string | null;
  state: 'active' | 'left' | 'transferred';
}

export interface RosterImportPreview {
  /** True when the roster was written (never for a preview or a roster with problems). */
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Every problem, one line each, by spreadsheet row ("第 7 行（姓名）：缺少姓名"). */
  problems: string[];
  warnings: string[];
}

/** Roster files cross the 1 MB RPC body as base64. */
export const MAX_ROSTER_FILE_BYTES = 700 * 1024;

const Pin = z.string().regex(/^\d{4,8}$/);
const Id = z.number().int().positive();
const Text = (max: number) => z.string().trim().min(1).max(max);

/** Photos cross the 1 MB RPC body as base64; the kiosk scales them down before sending. */
export const MAX_PHOTO_BYTES = 700 * 1024;

export const checkinContract = {
  startCheckinSession: method<CheckinSessionView>()(
    z.object({ grant: Grant, kind: z.enum(SESSION_KINDS), title: Text(60) }).strict(),
  ),
  /** The given session, or without `sessionId` the most recent one still running (or null). */
  getCheckinSession: method<CheckinSessionView | null>()(
    z.object({ grant: Grant, sessionId: Id.optional() }).strict(),
  ),
  checkinMember: method<CheckinResult>()(
    z
      .object({
        grant: Grant,
        sessionId: Id,
        memberId: Id.optional(),
        /** What a card or QR scanner typed. */
        code: z.string().trim().min(1).max(64).optional(),
      })
      .strict()
      .refine((v) => (v.memberId === undefined) !== (v.code === undefined), {
        error: 'memberId or code, exactly one',
      }),
  ),
  searchMembers: method<MemberSearchResult>()(
    z
      .object({
        grant: Grant,
        query: z.string().max(40),
        limit: z.number().int().min(1).max(500).default(60),
      })
      .strict(),
  ),
  checkoutMember: method<CheckinSessionView>()(
    z.object({ grant: Grant, sessionId: Id, memberId: Id, pin: Pin }).strict(),
  ),
  excuseMember: method<CheckinSessionView>()(
    z.object({ grant: Grant, sessionId: Id, memberId: Id, reason: Text(100), pin: Pin }).strict(),
  ),
  endCheckinSession: method<CheckinSessionView>()(
    z.object({ grant: Grant, sessionId: Id, pin: Pin }).strict(),
  ),
  saveSessionMinutes: method<CheckinSessionView>()(
    z.object({ grant: Grant, sessionId: Id, text: z.string().max(20_000) }).strict(),
  ),
  addSessionPhoto: method<SessionPhotoInfo>()(
    z
      .object({
        grant: Grant,
        sessionId: Id,
        mime: z.enum(['image/jpeg', 'image/png', 'image/webp']),
        source: z.enum(['file', 'camera']),
        dataBase64: z
          .string()
          .min(4)
          .max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]+={0,2}$/),
      })
      .strict(),
  ),
  getSessionPhoto: method<SessionPhotoData>()(z.object({ grant: Grant, photoId: Id }).strict()),

  /** Every member in every state, for the organizer's roster page. */
  listRoster: method<RosterMember[]>()(z.object({ grant: Grant }).strict()),
  /** Adds a member (no `id`) or changes one. Dates as the roster import accepts them. */
  saveMember: method<RosterMember>()(
    z
      .object({
        grant: Grant,
        id: Id.optional(),
        name: z.string().max(30),
        gender: z.enum(['male', 'female']).nullable(),
        birthDate: z.string().max(20).nullable(),
        joinedOn: z.string().max(20).nullable(),
        status: z.enum(['full', 'probationary']),
        roleTitle: z.string().max(20).nullable(),
        phone: z.string().max(30).nullable(),
        isMobile: z.boolean(),
        worksIn: z.string().max(60).nullable(),
        cardCode: z.string().max(64).nullable(),
      })
      .strict(),
  ),
  /** Marks a member as left or transferred (or back to active); history is kept. PIN again. */
  setMemberState: method<RosterMember>()(
    z
      .object({
        grant: Grant,
        memberId: Id,
        state: z.enum(['active', 'left', 'transferred']),
        pin: Pin,
      })
      .strict(),
  ),
  /** A roster file chosen on the kiosk: a preview (`dryRun`) lists every problem; all or nothing. */
  importRoster: method<RosterImportPreview>()(
    z
      .object({
        grant: Grant,
        dataBase64: z
          .string()
          .min(1)
          .max(Math.ceil(MAX_ROSTER_FILE_BYTES / 3) * 4),
        dryRun: z.boolean(),
      })
      .strict(),
  ),
};

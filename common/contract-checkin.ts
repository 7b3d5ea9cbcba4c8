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

export const CHECKIN_SESSION_KINDS = [
  'collective',
  'winter-spring',
  'party-lecture',
  'new-member',
  'theme-day',
  'training',
  'meeting',
  'seminar',
] as const;
export type CheckinSessionKind = (typeof CHECKIN_SESSION_KINDS)[number];

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

const Grant = z.string().min(16).max(128);
const Pin = z.string().regex(/^\d{4,8}$/);
const Id = z.number().int().positive();
const Text = (max: number) => z.string().trim().min(1).max(max);

/** Photos cross the 1 MB RPC body as base64; the kiosk scales them down before sending. */
export const MAX_PHOTO_BYTES = 700 * 1024;

const method =
  <Out>() =>
  <S extends z.ZodType>(input: S) =>
    ({ input }) as { input: S; readonly __out?: (out: Out) => void };

export const checkinContract = {
  startCheckinSession: method<CheckinSessionView>()(
    z.object({ grant: Grant, kind: z.enum(CHECKIN_SESSION_KINDS), title: Text(60) }).strict(),
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
};

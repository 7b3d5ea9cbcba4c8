import { CHECKIN_SESSION_KINDS } from '../../common/contract-checkin.js';

/**
 * The session kinds of DOMAIN.md, as stored and as typed on the command line: the same list the
 * kiosk's contract accepts (集中学习, 冬春训, 党课, 新党员培训, 主题党日, 培训班, 三会, 专题研讨),
 * named in common/session-kinds.ts.
 */
export const SESSION_KINDS = CHECKIN_SESSION_KINDS;
export type SessionKind = (typeof SESSION_KINDS)[number];

export function isSessionKind(value: string): value is SessionKind {
  return (SESSION_KINDS as readonly string[]).includes(value);
}

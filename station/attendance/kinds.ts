import { SESSION_KINDS, type SessionKind } from '../../common/session-kinds.js';

// The list and its names live in common/session-kinds.ts (集中学习, 冬春训, 党课, 新党员培训,
// 主题党日, 培训班, 三会, 专题研讨); the station's modules take them from here.
export { SESSION_KINDS, type SessionKind };

export function isSessionKind(value: string): value is SessionKind {
  return (SESSION_KINDS as readonly string[]).includes(value);
}

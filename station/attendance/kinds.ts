/** The session kinds of DOMAIN.md, as stored and as typed on the command line. */
export const SESSION_KINDS = [
  'collective', // 集中学习
  'winter-spring', // 冬春训
  'party-lecture', // 党课
  'new-member', // 新党员培训
  'theme-day', // 主题党日
  'training', // 培训班
  'meeting', // 三会
  'seminar', // 专题研讨
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export function isSessionKind(value: string): value is SessionKind {
  return (SESSION_KINDS as readonly string[]).includes(value);
}

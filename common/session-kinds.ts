/**
 * The session kinds of DOMAIN.md, as stored, typed on the command line and accepted by the
 * contract. Free of zod, so the kiosk's check-in chunk and the station's CLI can list them
 * without the schemas.
 */
export const SESSION_KINDS = [
  'collective',
  'winter-spring',
  'party-lecture',
  'new-member',
  'theme-day',
  'training',
  'meeting',
  'seminar',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/**
 * The session kinds' names as the kiosk, the exports and the compliance report show them (the
 * county reads them side by side, so they must not drift apart). The renderer's and the station's
 * i18n files both take them from here; keyed by kind, so a new kind without a name does not
 * compile. The station's English report also has a lower-case form for use mid-sentence, which
 * stays with it.
 */
export const SESSION_KIND_NAMES: Record<'zh-CN' | 'en', Record<SessionKind, string>> = {
  'zh-CN': {
    collective: '集中学习',
    'winter-spring': '冬春训',
    'party-lecture': '党课',
    'new-member': '新党员培训',
    'theme-day': '主题党日',
    training: '培训班',
    meeting: '三会',
    seminar: '专题研讨',
  },
  en: {
    collective: 'Collective study',
    'winter-spring': 'Winter–spring training',
    'party-lecture': 'Party lecture',
    'new-member': 'New-member training',
    'theme-day': 'Theme party day',
    training: 'Training class',
    meeting: 'Branch meeting',
    seminar: 'Seminar',
  },
};

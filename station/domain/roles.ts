/**
 * Roles as villages write them, mapped to the three groups the hour targets depend on
 * (DOMAIN.md: secretaries and committee members 56 学时, members 32).
 */
export type MemberRole = 'secretary' | 'committee' | 'member';

const SECRETARY_TITLES = new Set(['书记', '支部书记', '党支部书记', '总支书记', '党总支书记']);

/** Returns the role group for a post title, or null when the title is not a known post. */
export function roleFromTitle(title: string | null | undefined): MemberRole | null {
  const t = (title ?? '').replace(/\s+/g, '');
  if (t === '' || t === '党员' || t === '普通党员') return 'member';
  if (SECRETARY_TITLES.has(t)) return 'secretary';
  if (t === '副书记' || t.endsWith('副书记') || t.endsWith('委员')) return 'committee';
  const lower = t.toLowerCase();
  if (lower === 'secretary') return 'secretary';
  if (lower === 'committee' || lower === 'deputy secretary') return 'committee';
  if (lower === 'member') return 'member';
  return null;
}

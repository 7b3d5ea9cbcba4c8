import '../styles/schedule.css';
import { useTranslation } from 'react-i18next';
import type { HomeView } from '../../../common/contract.js';

/** What is due this month, season and year, in one glance from across the room. */
export function DueCard({ due }: { due: HomeView['due'] }) {
  const { t } = useTranslation();
  if (!due) return null;
  const rows: { label: string; value: string; tone: 'ok' | 'warn' | 'todo' }[] = [
    {
      label: t('schedule.dueMonth'),
      value: t(`schedule.status.${due.month.status}`),
      tone: due.month.status === 'held' ? 'ok' : due.month.status === 'planned' ? 'todo' : 'warn',
    },
  ];
  if (due.winterSpring.inSeason || due.winterSpring.status !== 'not-in-season') {
    rows.push({
      label: t('schedule.dueWinterSpring'),
      value: t(`schedule.status.${due.winterSpring.status}`),
      tone:
        due.winterSpring.status === 'held'
          ? 'ok'
          : due.winterSpring.status === 'due'
            ? 'warn'
            : 'todo',
    });
  }
  rows.push({
    label: t('schedule.duePartyLecture', { year: due.partyLecture.year }),
    value: t(`schedule.status.${due.partyLecture.status}`),
    tone:
      due.partyLecture.status === 'held'
        ? 'ok'
        : due.partyLecture.status === 'due'
          ? 'warn'
          : 'todo',
  });
  const nm = due.newMembers;
  if (nm.due + nm.warn + nm.overdue > 0) {
    const parts = [
      nm.overdue ? t('schedule.dueNewMembersOverdue', { count: nm.overdue }) : '',
      nm.warn ? t('schedule.dueNewMembersWarn', { count: nm.warn }) : '',
      nm.due ? t('schedule.dueNewMembersCount', { count: nm.due }) : '',
    ].filter(Boolean);
    rows.push({
      label: t('schedule.dueNewMembers'),
      value: parts.join('，'),
      tone: nm.overdue || nm.warn ? 'warn' : 'todo',
    });
  }
  if (due.mobileMembersDue > 0) {
    rows.push({
      label: t('schedule.dueMobile'),
      value: t('schedule.dueMobileCount', { count: due.mobileMembersDue }),
      tone: 'todo',
    });
  }
  if (due.missedMonths.length > 0) {
    rows.push({
      label: t('schedule.dueMissed'),
      value: due.missedMonths.map((m) => m.slice(5).replace(/^0/, '')).join('、'),
      tone: 'warn',
    });
  }
  return (
    <section className="panel due-card" data-testid="due-card">
      <h2 className="panel__title">{t('schedule.dueTitle')}</h2>
      {due.clockTrusted ? null : (
        <p className="due-card__clock" data-testid="clock-untrusted">
          {t('schedule.clockUntrusted')}
        </p>
      )}
      <ul className="due-card__list">
        {rows.map((r) => (
          <li key={r.label} className={`due-row due-row--${r.tone}`} data-testid="due-row">
            <span className="due-row__label">{r.label}</span>
            <span className="due-row__value">{r.value}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

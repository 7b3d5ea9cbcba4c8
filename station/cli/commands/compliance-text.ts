import type { ComplianceReport, MemberHoursLine } from '../../../common/contract-reports.js';
import type { Translate } from '../../i18n/index.js';
import { formatTable } from './members.js';

const num = (n: number) => String(Math.round(n * 10) / 10);
const indent = (lines: string[]) => lines.map((l) => `  ${l}`);

/** `station report compliance` for a person: the year page as aligned text in their language. */
export function complianceText(r: ComplianceReport, t: Translate): string[] {
  const out: string[] = [];
  const role = (x: { role: string }) => t(`members.role.${x.role}`);
  const hoursCells = (l: MemberHoursLine) => [
    num(l.hours),
    num(l.target),
    num(l.shortfall),
    num(l.makeup),
    num(l.external),
  ];
  const hoursHeader = ['hours', 'target', 'shortfall', 'makeup', 'external'].map((k) =>
    t(`report.${k}`),
  );

  // A station not yet named (no village set) still gets a clean first line.
  out.push(
    t('report.title', { village: r.village, year: r.year, asOf: r.asOf.slice(0, 10) }).trim(),
    '',
  );

  out.push(t('report.months'));
  out.push(
    ...indent(
      formatTable(
        ['month', 'sessions', 'kinds', 'status'].map((k) => t(`report.${k}`)),
        r.months.map((m) => [
          m.month,
          String(m.sessions),
          Object.entries(m.byKind)
            .map(([kind, n]) => `${t(`report.kind.${kind}`)}×${n}`)
            .join(' '),
          t(`report.monthStatus.${m.status}`),
        ]),
      ),
    ),
  );
  out.push(
    r.missedMonths.length
      ? t('report.missed', {
          months: r.missedMonths.join(t('report.listSeparator')),
          count: r.missedMonths.length,
        })
      : t('report.noMissed'),
    '',
  );

  if (r.belowTarget.length === 0) out.push(t('report.allMet', { total: r.members.active }), '');
  else {
    out.push(t('report.belowTarget', { count: r.belowTarget.length, total: r.members.active }));
    out.push(
      ...indent(
        formatTable(
          [t('report.name'), t('report.role'), ...hoursHeader],
          r.belowTarget.map((l) => [l.name, role(l), ...hoursCells(l)]),
        ),
      ),
      '',
    );
  }

  out.push(t('report.leaders'));
  if (r.leaders.length === 0) out.push(`  ${t('report.noLeaders')}`);
  else
    out.push(
      ...indent(
        formatTable(
          [t('report.name'), t('report.role'), t('report.hours'), t('report.training')],
          r.leaders.map((l) => [
            l.name,
            role(l),
            `${num(l.hours)}/${num(l.target)}`,
            l.trained
              ? l.trainings
                  .map((x) => `${x.date} ${t(`report.kind.${x.kind}`)}`)
                  .join(t('report.listSeparator'))
              : t('report.notTrained'),
          ]),
        ),
      ),
    );
  out.push('');

  out.push(t('report.newMembers', { months: r.newMemberWithinMonths }));
  if (r.newMembers.length === 0) out.push(`  ${t('report.noNewMembers')}`);
  else
    out.push(
      ...indent(
        formatTable(
          [t('report.name'), t('report.joinedOn'), t('report.deadline'), t('report.status')],
          r.newMembers.map((n) => [
            n.name,
            n.joinedOn,
            n.deadline,
            t(`report.newStatus.${n.status}`, {
              date: n.trainedOn ?? '',
              days: Math.abs(n.daysLeft),
            }),
          ]),
        ),
      ),
    );
  out.push('');

  const ws = r.winterSpring;
  const [firstSeason] = ws.seasons;
  const fromMonth = Number(firstSeason?.from.slice(5, 7));
  const toMonth = Number(firstSeason?.to.slice(5, 7));
  out.push(
    t(fromMonth > toMonth ? 'report.winterSpring' : 'report.winterSpringSameYear', {
      from: fromMonth,
      to: toMonth,
      days: ws.minDays,
    }),
  );
  out.push(
    ...indent(
      formatTable(
        [t('report.season'), t('report.status'), t('report.days'), t('report.sessions')],
        ws.seasons.map((s) => [
          s.label,
          t(`report.seasonStatus.${s.status}`),
          `${s.days} ${s.enough ? t('report.enough') : s.status === 'upcoming' ? '' : t('report.notEnough')}`.trim(),
          s.sessions.map((x) => `${x.date} ${x.title}`).join(t('report.listSeparator')),
        ]),
      ),
    ),
    '',
  );

  const lectures = r.partyLectures.sessions;
  out.push(
    lectures.length ? t('report.lectures', { count: lectures.length }) : t('report.noLectures'),
  );
  for (const x of lectures) out.push(`  ${x.date}  ${x.title}`);
  out.push('');

  out.push(t('report.mobile'));
  if (r.mobileMembers.length === 0) out.push(`  ${t('report.noMobile')}`);
  else
    out.push(
      ...indent(
        formatTable(
          [t('report.name'), t('report.worksIn'), ...hoursHeader, t('report.trainedAtHome')],
          r.mobileMembers.map((m) => [
            m.name,
            m.worksIn ?? '',
            ...hoursCells(m),
            m.trainedAtHome ? t('report.yes') : t('report.no'),
          ]),
        ),
      ),
    );
  return out;
}

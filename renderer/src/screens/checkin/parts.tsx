import { useTranslation } from 'react-i18next';
import type {
  CheckinAttendee,
  CheckinCounts,
  CheckinMember,
} from '../../../../common/contract-checkin.js';
import { clockTime } from './format.js';

export interface Feedback {
  kind: 'ok' | 'error';
  title: string;
  detail: string;
  serial: number;
}

/** One member's tile: name and post, and how they stand in this session. */
export function MemberTile({
  member,
  attendee,
  onActivate,
}: {
  member: CheckinMember;
  attendee: CheckinAttendee | undefined;
  onActivate: () => void;
}) {
  const { t } = useTranslation();
  const status = attendee?.status ?? 'none';
  let badge: string | null = null;
  if (status === 'present')
    badge = `✓ ${clockTime(attendee!.checkedInAt)}${attendee!.late ? ` ${t('checkin.late')}` : ''}`;
  else if (status === 'left') badge = `${t('checkin.left')} ${clockTime(attendee!.checkedOutAt)}`;
  else if (status === 'excused') badge = t('checkin.excused');
  return (
    <li>
      <button
        type="button"
        className={`checkin-tile checkin-tile--${status}${attendee?.late ? ' checkin-tile--late' : ''}`}
        data-testid="checkin-tile"
        data-member={member.name}
        data-status={status}
        onClick={onActivate}
      >
        <span className="checkin-tile__name">{member.name}</span>
        <span className="checkin-tile__role">
          {member.role === 'member'
            ? t('organizer.member')
            : (member.roleTitle ?? t(`organizer.${member.role}`))}
        </span>
        {badge ? <span className="checkin-tile__badge">{badge}</span> : null}
      </button>
    </li>
  );
}

/** The answer to a check-in, big enough to read across the room; it never takes the focus. */
export function FeedbackBanner({ feedback }: { feedback: Feedback }) {
  return (
    <div
      className={`checkin-feedback checkin-feedback--${feedback.kind}`}
      data-testid="checkin-feedback"
      data-kind={feedback.kind}
      role="status"
      aria-live="assertive"
    >
      <span className="checkin-feedback__mark" aria-hidden="true">
        {feedback.kind === 'ok' ? '✓' : '!'}
      </span>
      <span className="checkin-feedback__text">
        <span className="checkin-feedback__title">{feedback.title}</span>
        {feedback.detail ? (
          <span className="checkin-feedback__detail">{feedback.detail}</span>
        ) : null}
      </span>
    </div>
  );
}

/** Present of the roster, late, excused and left, for the header. */
export function CountsBar({ counts }: { counts: CheckinCounts }) {
  const { t } = useTranslation();
  return (
    <dl className="checkin-counts" data-testid="checkin-counts" data-present={counts.present}>
      <div className="checkin-count checkin-count--present">
        <dt>{t('checkin.present')}</dt>
        <dd>
          {counts.present}
          <small>/{counts.roster}</small>
        </dd>
      </div>
      <div className="checkin-count">
        <dt>{t('checkin.late')}</dt>
        <dd>{counts.late}</dd>
      </div>
      <div className="checkin-count">
        <dt>{t('checkin.excused')}</dt>
        <dd>{counts.excused}</dd>
      </div>
      <div className="checkin-count">
        <dt>{t('checkin.left')}</dt>
        <dd>{counts.left}</dd>
      </div>
    </dl>
  );
}

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckinMember } from '../../../../common/contract-checkin.js';
import { useDialogKeys } from './useDialogKeys.js';

const REASONS = ['ill', 'work', 'family', 'elderly'] as const;

/** Why a member is excused: a short list for the remote, or words typed on a keyboard. */
export function ReasonDialog({
  member,
  onChoose,
  onCancel,
}: {
  member: CheckinMember;
  onChoose: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [other, setOther] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useDialogKeys(ref, onCancel);
  return (
    <div
      className="checkin-dialog"
      role="dialog"
      aria-modal="true"
      data-testid="reason-dialog"
      ref={ref}
    >
      <div className="checkin-dialog__panel">
        <h2 className="checkin-dialog__prompt">
          {t('checkin.reasonTitle', { name: member.name })}
        </h2>
        <div className="reason-grid">
          {REASONS.map((r, i) => (
            <button
              key={r}
              type="button"
              className="kind-option"
              data-testid={`reason-${r}`}
              data-autofocus={i === 0 ? '' : undefined}
              onClick={() => onChoose(t(`checkin.reasons.${r}`))}
            >
              {t(`checkin.reasons.${r}`)}
            </button>
          ))}
          <button
            type="button"
            className="kind-option"
            data-testid="reason-other"
            onClick={() => setOther('')}
          >
            {t('checkin.reasons.other')}
          </button>
        </div>
        {other !== null ? (
          <div className="reason-other">
            <input
              type="text"
              className="checkin-input"
              data-testid="reason-other-text"
              aria-label={t('checkin.reasonOther')}
              maxLength={100}
              value={other}
              autoFocus
              onChange={(e) => setOther(e.target.value)}
            />
            <button
              type="button"
              className="button button--primary"
              data-testid="reason-other-next"
              aria-disabled={other.trim() === '' || undefined}
              onClick={() => other.trim() !== '' && onChoose(other.trim())}
            >
              {t('checkin.reasonNext')}
            </button>
          </div>
        ) : null}
        <button type="button" className="button" data-testid="reason-cancel" onClick={onCancel}>
          {t('checkin.cancelMode')}
        </button>
      </div>
    </div>
  );
}

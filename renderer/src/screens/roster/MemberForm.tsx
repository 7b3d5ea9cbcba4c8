import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterMember } from '../../../../common/contract-checkin.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { useDialogKeys } from '../checkin/useDialogKeys.js';

/** Posts as villages write them; the station maps them to secretary / committee / member. */
const POSTS = ['党员', '党支部书记', '副书记', '组织委员', '宣传委员', '纪检委员'];

export type MemberDraft = Omit<RosterMember, 'id' | 'role' | 'state'> & { id?: number };

export const EMPTY_DRAFT: MemberDraft = {
  name: '',
  gender: null,
  birthDate: null,
  joinedOn: null,
  status: 'full',
  roleTitle: '党员',
  phone: null,
  isMobile: false,
  worksIn: null,
  cardCode: null,
};

function TextField({
  label,
  value,
  testId,
  onChange,
  autoFocus,
}: {
  label: string;
  value: string | null;
  testId: string;
  onChange: (v: string) => void;
  autoFocus?: boolean;
}) {
  return (
    <label className="roster-field">
      <span className="roster-field__label">{label}</span>
      <input
        type="text"
        className="checkin-input"
        data-testid={testId}
        data-autofocus={autoFocus ? '' : undefined}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** A choice the remote makes with OK: each press moves to the next option. */
function CycleField<T extends string | boolean | null>({
  label,
  value,
  options,
  render,
  testId,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly T[];
  render: (v: T) => string;
  testId: string;
  onChange: (v: T) => void;
}) {
  const next = () => onChange(options[(options.indexOf(value) + 1) % options.length]!);
  return (
    <div className="roster-field">
      <span className="roster-field__label">{label}</span>
      <button type="button" className="button roster-cycle" data-testid={testId} onClick={next}>
        {render(value)} ▸
      </button>
    </div>
  );
}

/**
 * Adding or editing one member. Text fields take a physical keyboard (names need Chinese, which
 * a remote cannot type); posts, gender, status and the mobile flag are chosen with OK alone.
 */
export function MemberForm({
  initial,
  onSave,
  onState,
  onCancel,
}: {
  initial: MemberDraft & { state?: RosterMember['state'] };
  onSave: (draft: MemberDraft) => Promise<void>;
  onState: (state: RosterMember['state']) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<MemberDraft>(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useDialogKeys(ref, onCancel);
  const set = <K extends keyof MemberDraft>(key: K, value: MemberDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const posts = POSTS.includes(draft.roleTitle ?? '党员')
    ? POSTS
    : [...POSTS, draft.roleTitle ?? '党员'];

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSave(draft);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <div
      className="checkin-dialog"
      role="dialog"
      aria-modal="true"
      data-testid="member-form"
      ref={ref}
    >
      <div className="checkin-dialog__panel checkin-dialog__panel--wide">
        <h2 className="checkin-dialog__prompt">
          {draft.id === undefined
            ? t('roster.addTitle')
            : t('roster.editTitle', { name: initial.name })}
        </h2>
        <div className="roster-form">
          <TextField
            label={t('roster.name')}
            value={draft.name}
            testId="form-name"
            autoFocus
            onChange={(v) => set('name', v)}
          />
          <CycleField
            label={t('roster.post')}
            value={draft.roleTitle ?? '党员'}
            options={posts}
            render={(v) => v}
            testId="form-post"
            onChange={(v) => set('roleTitle', v)}
          />
          <CycleField
            label={t('roster.gender')}
            value={draft.gender}
            options={[null, 'male', 'female'] as const}
            render={(v) => (v ? t(`roster.${v}`) : t('roster.unknown'))}
            testId="form-gender"
            onChange={(v) => set('gender', v)}
          />
          <CycleField
            label={t('roster.status')}
            value={draft.status}
            options={['full', 'probationary'] as const}
            render={(v) => t(`roster.${v}`)}
            testId="form-status"
            onChange={(v) => set('status', v)}
          />
          <TextField
            label={t('roster.birthDate')}
            value={draft.birthDate}
            testId="form-birth"
            onChange={(v) => set('birthDate', v)}
          />
          <TextField
            label={t('roster.joinedOn')}
            value={draft.joinedOn}
            testId="form-joined"
            onChange={(v) => set('joinedOn', v)}
          />
          <TextField
            label={t('roster.cardCode')}
            value={draft.cardCode}
            testId="form-card"
            onChange={(v) => set('cardCode', v)}
          />
          <TextField
            label={t('roster.phone')}
            value={draft.phone}
            testId="form-phone"
            onChange={(v) => set('phone', v)}
          />
          <CycleField
            label={t('roster.mobile')}
            value={draft.isMobile}
            options={[false, true] as const}
            render={(v) => (v ? t('roster.yes') : t('roster.no'))}
            testId="form-mobile"
            onChange={(v) => set('isMobile', v)}
          />
          {draft.isMobile ? (
            <TextField
              label={t('roster.worksIn')}
              value={draft.worksIn}
              testId="form-works-in"
              onChange={(v) => set('worksIn', v)}
            />
          ) : null}
        </div>
        {error ? <ErrorBanner error={error} /> : null}
        <div className="checkin-dialog__buttons">
          <button
            type="button"
            className="button button--primary"
            data-testid="form-save"
            aria-disabled={busy || undefined}
            onClick={() => void save()}
          >
            {t('roster.save')}
          </button>
          {draft.id !== undefined && initial.state === 'active' ? (
            <>
              <button
                type="button"
                className="button"
                data-testid="form-left"
                onClick={() => onState('left')}
              >
                {t('roster.markLeft')}
              </button>
              <button
                type="button"
                className="button"
                data-testid="form-transferred"
                onClick={() => onState('transferred')}
              >
                {t('roster.markTransferred')}
              </button>
            </>
          ) : null}
          {draft.id !== undefined && initial.state !== 'active' ? (
            <button
              type="button"
              className="button"
              data-testid="form-active"
              onClick={() => onState('active')}
            >
              {t('roster.markActive')}
            </button>
          ) : null}
          <button type="button" className="button" data-testid="form-cancel" onClick={onCancel}>
            {t('roster.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

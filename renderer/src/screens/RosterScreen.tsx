import '../styles/checkin.css';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_ROSTER_FILE_BYTES,
  type RosterImportPreview,
  type RosterMember,
} from '../../../common/contract-checkin.js';
import { useStation } from '../api/context.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { LoadState } from '../components/LoadState.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { PinConfirm } from './checkin/PinConfirm.js';
import { useDialogKeys } from './checkin/useDialogKeys.js';
import { EMPTY_DRAFT, MemberForm, type MemberDraft } from './roster/MemberForm.js';
import { useStationQuery } from './useStationQuery.js';

type Dialog =
  | null
  | { type: 'form'; member: (MemberDraft & { state?: RosterMember['state'] }) | null }
  | { type: 'pin'; member: RosterMember; state: RosterMember['state'] }
  | { type: 'import' };

function fileToBase64(file: File): Promise<string> {
  return file.arrayBuffer().then((buffer) => {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  });
}

/** Choosing a roster file, its preview with every problem by row, then the import. */
function ImportDialog({
  grant,
  onDone,
  onClose,
}: {
  grant: string;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const ref = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [data, setData] = useState<string | null>(null);
  const [preview, setPreview] = useState<RosterImportPreview | null>(null);
  const [done, setDone] = useState<RosterImportPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  useDialogKeys(ref, onClose);

  const choose = async (file: File) => {
    setError(null);
    setPreview(null);
    setDone(null);
    try {
      if (file.size > MAX_ROSTER_FILE_BYTES) throw new Error(t('roster.fileTooLarge'));
      const base64 = await fileToBase64(file);
      setData(base64);
      setPreview(await api.importRoster({ grant, dataBase64: base64, dryRun: true }));
    } catch (caught) {
      setError(caught);
    }
  };

  const runImport = async () => {
    if (!data || !preview || preview.problems.length > 0) return;
    try {
      setDone(await api.importRoster({ grant, dataBase64: data, dryRun: false }));
      onDone();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <div
      className="checkin-dialog"
      role="dialog"
      aria-modal="true"
      data-testid="import-dialog"
      ref={ref}
    >
      <div className="checkin-dialog__panel checkin-dialog__panel--wide">
        <h2 className="checkin-dialog__prompt">{t('roster.importTitle')}</h2>
        <p className="checkin-dialog__hint">{t('roster.importHint')}</p>
        <input
          ref={fileRef}
          type="file"
          hidden
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void choose(file);
          }}
        />
        {preview && !done ? (
          preview.problems.length > 0 ? (
            <div className="roster-problems" data-testid="import-problems">
              <p className="notice notice--bad">
                {t('roster.importProblems', { count: preview.problems.length })}
              </p>
              <ul>
                {preview.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="roster-preview" data-testid="import-preview">
              {t('roster.importPreview', { ...preview })}
            </p>
          )
        ) : null}
        {preview && !done
          ? preview.warnings.map((w) => (
              <p key={w} className="notice">
                {w}
              </p>
            ))
          : null}
        {done ? (
          <p className="roster-preview" data-testid="import-done">
            ✓ {t('roster.importDone', { ...done })}
          </p>
        ) : null}
        {error ? <ErrorBanner error={error} /> : null}
        <div className="checkin-dialog__buttons">
          <button
            type="button"
            className="button"
            data-autofocus=""
            data-testid="import-choose"
            onClick={() => fileRef.current?.click()}
          >
            {t('roster.importChoose')}
          </button>
          {preview && !done && preview.problems.length === 0 ? (
            <button
              type="button"
              className="button button--primary"
              data-testid="import-go"
              onClick={() => void runImport()}
            >
              {t('roster.importGo')}
            </button>
          ) : null}
          <button type="button" className="button" data-testid="import-close" onClick={onClose}>
            {t('checkin.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * The organizer's roster on the kiosk: every member with their state; OK on a name edits it
 * (and marks them as left or transferred, with the PIN); add one; import a roster file.
 */
export function RosterScreen({ grant, onBack }: { grant: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [serial, setSerial] = useState(0);
  const [members, reload] = useStationQuery(
    () => api.listRoster({ grant }),
    `roster:${grant}:${serial}`,
  );
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => setSerial((n) => n + 1);
  const list = members.status === 'ready' ? members.value : [];
  const active = list.filter((m) => m.state === 'active').length;

  return (
    <div className="screen roster-screen" data-testid="roster-screen">
      <div className="contents" inert={dialog !== null}>
        <ScreenHeader
          title={t('roster.title')}
          subtitle={
            members.status === 'ready'
              ? t('roster.count', { active, total: list.length })
              : undefined
          }
          onBack={onBack}
        >
          <button
            type="button"
            className="button button--primary"
            data-autofocus=""
            data-testid="roster-add"
            onClick={() => setDialog({ type: 'form', member: null })}
          >
            {t('roster.add')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="roster-import"
            onClick={() => setDialog({ type: 'import' })}
          >
            {t('roster.import')}
          </button>
        </ScreenHeader>
        <main className="screen-body">
          {notice ? (
            <p className="roster-preview" data-testid="roster-notice">
              ✓ {notice}
            </p>
          ) : null}
          {members.status === 'loading' ? <LoadState onRetry={reload} /> : null}
          {members.status === 'error' ? <LoadState error={members.error} onRetry={reload} /> : null}
          <ul className="checkin-grid roster-grid" data-testid="roster-list">
            {list.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className={`checkin-tile roster-tile--${m.state}`}
                  data-testid="roster-member"
                  data-member={m.name}
                  data-state={m.state}
                  onClick={() => setDialog({ type: 'form', member: m })}
                >
                  <span className="checkin-tile__name">{m.name}</span>
                  <span className="checkin-tile__role">{m.roleTitle ?? t('organizer.member')}</span>
                  {m.state !== 'active' ? (
                    <span className="checkin-tile__badge">{t(`roster.state.${m.state}`)}</span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
        </main>
      </div>
      {dialog?.type === 'form' ? (
        <MemberForm
          initial={dialog.member ?? EMPTY_DRAFT}
          onCancel={() => setDialog(null)}
          onSave={async (draft) => {
            // Only the form's fields: the station's schema refuses anything else.
            const saved = await api.saveMember({
              grant,
              ...(draft.id !== undefined ? { id: draft.id } : {}),
              name: draft.name,
              gender: draft.gender,
              birthDate: draft.birthDate,
              joinedOn: draft.joinedOn,
              status: draft.status,
              roleTitle: draft.roleTitle,
              phone: draft.phone,
              isMobile: draft.isMobile,
              worksIn: draft.worksIn,
              cardCode: draft.cardCode,
            });
            setDialog(null);
            setNotice(t('roster.saved', { name: saved.name }));
            refresh();
          }}
          onState={(state) => {
            const member = list.find((m) => m.id === dialog.member?.id);
            if (member) setDialog({ type: 'pin', member, state });
          }}
        />
      ) : null}
      {dialog?.type === 'pin' ? (
        <PinConfirm
          prompt={t('roster.pinState', {
            name: dialog.member.name,
            action: t(
              dialog.state === 'left'
                ? 'roster.markLeft'
                : dialog.state === 'transferred'
                  ? 'roster.markTransferred'
                  : 'roster.markActive',
            ),
          })}
          onCancel={() => setDialog(null)}
          onSubmit={async (pin) => {
            const changed = await api.setMemberState({
              grant,
              memberId: dialog.member.id,
              state: dialog.state,
              pin,
            });
            setDialog(null);
            setNotice(`${changed.name}：${t(`roster.state.${changed.state}`)}`);
            refresh();
          }}
        />
      ) : null}
      {dialog?.type === 'import' ? (
        <ImportDialog grant={grant} onDone={refresh} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}

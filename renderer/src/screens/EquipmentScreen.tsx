import '../styles/equipment.css';
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EQUIPMENT_KINDS,
  EQUIPMENT_STATUSES,
  type EquipmentItemView,
  type EquipmentKind,
} from '../../../common/equipment.js';
import { useStation } from '../api/context.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { LockButton, type ProtectedScreenProps } from '../components/LockButton.js';
import { LoadState } from '../components/LoadState.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { isTextField } from '../nav/focus.js';
import { useStationQuery } from './useStationQuery.js';

type Mode = { view: 'list' } | { view: 'add' } | { view: 'item'; id: number };

/**
 * The equipment register (设备登记) on the technician console: every item with its replacement
 * date, and the three things a technician does on a visit — register an item, mark its status,
 * note what was repaired. Works with arrows, OK and Back alone.
 */
export function EquipmentScreen({ grant, onBack, onLock }: ProtectedScreenProps) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [register, reload] = useStationQuery(
    () => api.getEquipmentRegister({ grant }),
    `equipment:${grant}`,
  );
  const [items, setItems] = useState<EquipmentItemView[] | null>(null);
  const [mode, setMode] = useState<Mode>({ view: 'list' });
  const [error, setError] = useState<unknown>(null);
  const ready = register.status === 'ready' ? register.value : null;
  const shown = items ?? ready?.items ?? [];
  const screenRef = useRef<HTMLDivElement>(null);
  const [lastItem, setLastItem] = useState<number | null>(null);

  // A remote has no pointer: when the view inside the screen changes, put the focus where the
  // next press belongs (the chosen kind, the current status, the item just left). A layout
  // effect, so it lands before the kiosk's "focus lost" watcher would send it to the header.
  const firstMode = useRef(true);
  useLayoutEffect(() => {
    if (firstMode.current) {
      firstMode.current = false;
      return;
    }
    screenRef.current?.querySelector<HTMLElement>('[data-focus-first]')?.focus();
    if (mode.view === 'item') setLastItem(mode.id);
  }, [mode]);

  // Back inside the register returns to the list first; from the list it leaves the screen.
  useEffect(() => {
    if (mode.view === 'list') return;
    const onKey = (event: KeyboardEvent) => {
      if (!['Escape', 'BrowserBack', 'GoBack', 'Backspace'].includes(event.key)) return;
      if (event.key === 'Backspace' && isTextField(document.activeElement)) return;
      event.preventDefault();
      setError(null);
      setMode({ view: 'list' });
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [mode.view]);

  const replace = (item: EquipmentItemView) =>
    setItems((prev) => {
      const list = prev ?? ready?.items ?? [];
      const rest = list.filter((i) => i.id !== item.id);
      return list.length === rest.length
        ? [...list, item]
        : list.map((i) => (i.id === item.id ? item : i));
    });

  const run = async (
    action: () => Promise<EquipmentItemView>,
    then?: (i: EquipmentItemView) => void,
  ) => {
    setError(null);
    try {
      const item = await action();
      replace(item);
      then?.(item);
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };

  const overdue = shown.filter((i) => i.due === 'overdue').length;
  const soon = shown.filter((i) => i.due === 'soon').length;
  const current = mode.view === 'item' ? shown.find((i) => i.id === mode.id) : undefined;

  return (
    <div className="screen equipment-screen" data-testid="equipment-screen" ref={screenRef}>
      <ScreenHeader
        title={t('equipment.title')}
        subtitle={
          ready ? t('equipment.summary', { count: shown.length, overdue, soon }) : undefined
        }
        onBack={mode.view === 'list' ? onBack : () => setMode({ view: 'list' })}
      >
        <LockButton label={t('technician.lock')} onLock={onLock} />
      </ScreenHeader>
      <main className="screen-body">
        {register.status === 'loading' ? <LoadState onRetry={reload} /> : null}
        {register.status === 'error' ? <LoadState error={register.error} onRetry={reload} /> : null}
        {error ? <ErrorBanner error={error} /> : null}
        {ready && mode.view === 'list' ? (
          <EquipmentList
            items={shown}
            focusId={lastItem}
            onAdd={() => setMode({ view: 'add' })}
            onOpen={(id) => setMode({ view: 'item', id })}
          />
        ) : null}
        {ready && mode.view === 'add' ? (
          <AddForm
            lifeYearsByKind={ready.lifeYearsByKind}
            onCancel={() => setMode({ view: 'list' })}
            onSubmit={(input) =>
              run(
                () => api.addEquipment({ grant, ...input }),
                (item) => setMode({ view: 'item', id: item.id }),
              )
            }
          />
        ) : null}
        {ready && current ? (
          <ItemPanel
            item={current}
            onStatus={(status) =>
              void run(() => api.setEquipmentStatus({ grant, id: current.id, status }))
            }
            onLog={(work, doneBy) =>
              run(() =>
                api.addMaintenanceEntry({ grant, id: current.id, work, doneBy: doneBy || null }),
              )
            }
            onClose={() => setMode({ view: 'list' })}
          />
        ) : null}
      </main>
    </div>
  );
}

function DueBadge({ item }: { item: EquipmentItemView }) {
  const { t } = useTranslation();
  return (
    <span className={`due-badge due-badge--${item.due}`} data-testid="due-badge">
      {t(`equipment.due.${item.due}`)}
    </span>
  );
}

function EquipmentList({
  items,
  focusId,
  onAdd,
  onOpen,
}: {
  items: EquipmentItemView[];
  focusId: number | null;
  onAdd: () => void;
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel equipment-panel">
      <div className="equipment-panel__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="equipment-add"
          data-focus-first={
            focusId === null || !items.some((i) => i.id === focusId) ? '' : undefined
          }
          onClick={onAdd}
        >
          {t('equipment.add')}
        </button>
      </div>
      {items.length === 0 ? (
        <p className="empty-state">{t('equipment.empty')}</p>
      ) : (
        <ul className="equipment-list" data-testid="equipment-list">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={`equipment-row equipment-row--${item.due}`}
                data-testid="equipment-row"
                data-focus-first={item.id === focusId ? '' : undefined}
                onClick={() => onOpen(item.id)}
              >
                <span className="equipment-row__kind">{t(`equipment.kind.${item.kind}`)}</span>
                <span className="equipment-row__model">
                  {item.model}
                  {item.serial ? <small> · {item.serial}</small> : null}
                </span>
                <span className="equipment-row__status">
                  {t(`equipment.status.${item.status}`)}
                </span>
                <span className="equipment-row__date">
                  {t('equipment.replaceBy', { date: item.replaceBy })}
                </span>
                <DueBadge item={item} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface AddInput {
  kind: EquipmentKind;
  model: string;
  serial: string | null;
  purchased: string;
  supplier: string | null;
  funding: string | null;
  lifeYears: number | null;
}

function AddForm({
  lifeYearsByKind,
  onSubmit,
  onCancel,
}: {
  lifeYearsByKind: Record<EquipmentKind, number>;
  onSubmit: (input: AddInput) => Promise<boolean>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<EquipmentKind>('terminal');
  const [missing, setMissing] = useState<'model' | 'purchased' | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    if (!text('model')) return setMissing('model');
    if (!text('purchased')) return setMissing('purchased');
    setMissing(null);
    const life = text('lifeYears');
    setBusy(true);
    await onSubmit({
      kind,
      model: text('model'),
      serial: text('serial') || null,
      purchased: text('purchased'),
      supplier: text('supplier') || null,
      funding: text('funding') || null,
      lifeYears: life ? Number(life) : null,
    });
    setBusy(false);
  };

  type FieldName = 'model' | 'serial' | 'purchased' | 'lifeYears' | 'supplier' | 'funding';
  const field = (name: FieldName, placeholder?: string, type = 'text') => (
    <label className={missing === name ? 'field field--invalid' : 'field'}>
      <span className="field__label">{t(`equipment.field.${name}`)}</span>
      <input
        className="field__input"
        name={name}
        type={type}
        placeholder={placeholder}
        data-testid={`equipment-${name}`}
        autoComplete="off"
      />
      {missing === name ? <span className="field__problem">{t('equipment.required')}</span> : null}
    </label>
  );

  return (
    <form
      className="panel equipment-form"
      data-testid="equipment-form"
      onSubmit={(e) => void submit(e)}
    >
      <h2 className="panel__title">{t('equipment.add')}</h2>
      <div className="kind-picker" role="radiogroup" aria-label={t('equipment.field.kind')}>
        {EQUIPMENT_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={k === kind}
            className={k === kind ? 'button choice is-chosen' : 'button choice'}
            data-testid={`equipment-kind-${k}`}
            data-focus-first={k === kind ? '' : undefined}
            onClick={() => setKind(k)}
          >
            {t(`equipment.kind.${k}`)}
          </button>
        ))}
      </div>
      <div className="equipment-form__fields">
        {field('model')}
        {field('serial')}
        {field('purchased', '2019-07-01')}
        {field('lifeYears', t('equipment.lifeDefault', { years: lifeYearsByKind[kind] }), 'number')}
        {field('supplier')}
        {field('funding')}
      </div>
      <div className="equipment-form__actions">
        <button
          type="submit"
          className="button button--primary"
          data-testid="equipment-save"
          aria-disabled={busy}
        >
          {t('equipment.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('equipment.cancel')}
        </button>
      </div>
    </form>
  );
}

function ItemPanel({
  item,
  onStatus,
  onLog,
  onClose,
}: {
  item: EquipmentItemView;
  onStatus: (status: EquipmentItemView['status']) => void;
  onLog: (work: string, doneBy: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [work, setWork] = useState('');
  const [doneBy, setDoneBy] = useState('');

  const log = async (event: FormEvent) => {
    event.preventDefault();
    if (!work.trim()) return;
    if (await onLog(work.trim(), doneBy.trim())) setWork('');
  };

  return (
    <section className="panel equipment-item" data-testid="equipment-item">
      <h2 className="panel__title">
        {t(`equipment.kind.${item.kind}`)} · {item.model}
        <DueBadge item={item} />
      </h2>
      <dl className="equipment-facts">
        <dt>{t('equipment.field.serial')}</dt>
        <dd>{item.serial ?? '—'}</dd>
        <dt>{t('equipment.field.purchased')}</dt>
        <dd>{item.purchased}</dd>
        <dt>{t('equipment.field.lifeYears')}</dt>
        <dd>{t('equipment.years', { count: item.lifeYears })}</dd>
        <dt>{t('equipment.field.replaceBy')}</dt>
        <dd data-testid="equipment-replace-by">{item.replaceBy}</dd>
        <dt>{t('equipment.field.supplier')}</dt>
        <dd>{item.supplier ?? '—'}</dd>
        <dt>{t('equipment.field.funding')}</dt>
        <dd>{item.funding ?? '—'}</dd>
      </dl>
      <div className="status-picker" role="radiogroup" aria-label={t('equipment.field.status')}>
        {EQUIPMENT_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={s === item.status}
            className={s === item.status ? 'button choice is-chosen' : 'button choice'}
            data-testid={`equipment-status-${s}`}
            data-focus-first={s === item.status ? '' : undefined}
            onClick={() => onStatus(s)}
          >
            {t(`equipment.status.${s}`)}
          </button>
        ))}
      </div>
      <form className="maintenance-form" onSubmit={(e) => void log(e)}>
        <label className="field">
          <span className="field__label">{t('equipment.field.work')}</span>
          <input
            className="field__input"
            value={work}
            onChange={(e) => setWork(e.target.value)}
            data-testid="equipment-work"
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span className="field__label">{t('equipment.field.doneBy')}</span>
          <input
            className="field__input"
            value={doneBy}
            onChange={(e) => setDoneBy(e.target.value)}
            autoComplete="off"
          />
        </label>
        <button type="submit" className="button button--primary" data-testid="equipment-log">
          {t('equipment.log')}
        </button>
      </form>
      {item.maintenance.length === 0 ? (
        <p className="empty-state">{t('equipment.noMaintenance')}</p>
      ) : (
        <ol
          className="maintenance-log"
          data-testid="maintenance-log"
          data-nav-scroll=""
          tabIndex={0}
        >
          {[...item.maintenance].reverse().map((m) => (
            <li key={m.id}>
              <span className="maintenance-log__date">{m.doneOn}</span>
              <span>{m.work}</span>
              <span className="maintenance-log__by">
                {m.doneBy === 'technician' ? t('equipment.technician') : m.doneBy}
              </span>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="button" onClick={onClose}>
        {t('equipment.backToList')}
      </button>
    </section>
  );
}

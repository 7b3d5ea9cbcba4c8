import '../styles/schedule.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OccurrenceView } from '../../../common/contract-schedule.js';
import { useStation } from '../api/context.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { LoadState } from '../components/LoadState.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { dateKey, hm } from '../i18n/format.js';
import { localParts, monthGrid, repeatChoices } from '../schedule/countdown.js';
import type { CheckinSessionKind } from '../../../common/contract-checkin.js';
import { useStationQuery } from './useStationQuery.js';
import { focusableIn } from '../nav/focus.js';

/** The kinds the calendar offers for a new plan (the first four it always showed). */
const KINDS = [
  'collective',
  'party-lecture',
  'winter-spring',
  'new-member',
] as const satisfies readonly CheckinSessionKind[];

type Mode =
  | { type: 'month' }
  | { type: 'day'; day: number }
  | { type: 'add'; day: number }
  | { type: 'occurrence'; occ: OccurrenceView }
  | { type: 'move'; occ: OccurrenceView }
  | { type: 'cancel'; occ: OccurrenceView };

/** A row of choice buttons (remote-friendly: no dropdown to fight with the arrow keys). */
function Choices<T extends string>({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (v: T) => void;
  testId: string;
}) {
  return (
    <fieldset className="cal-field">
      <legend className="cal-field__label">{label}</legend>
      <div className="cal-choices" data-testid={testId}>
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            className={o.value === value ? 'chip chip--on' : 'chip'}
            aria-pressed={o.value === value}
            onClick={() => onChange(o.value)}
          >
            {o.label}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

function OccurrenceButton({
  occ,
  timeZone,
  onOpen,
}: {
  occ: OccurrenceView;
  timeZone: string;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const p = localParts(occ.start, timeZone);
  return (
    <li>
      <button
        type="button"
        className={`cal-occ cal-occ--${occ.status}`}
        data-testid="calendar-occurrence"
        onClick={onOpen}
      >
        <span className="cal-occ__when">
          {p.month}/{p.day} {hm(p.hour, p.minute)}
        </span>
        <span className="cal-occ__title">{occ.title}</span>
        <span className="cal-occ__meta">
          {t(`sessionKind.${occ.kind}`, { defaultValue: occ.kind })}
          {' · '}
          {t(`schedule.statusLabel.${occ.status}`)}
          {occ.reason ? `（${occ.reason}）` : ''}
          {occ.holiday ? ` · ${t('schedule.holiday', { name: occ.holiday })}` : ''}
          {occ.workdaySwap ? ` · ${t('schedule.workday')}` : ''}
        </span>
      </button>
    </li>
  );
}

/** The organizer's calendar: a month view and a list; add, move and cancel with the remote. */
export function CalendarScreen({
  grant,
  onBack,
  timeZone,
}: {
  grant: string;
  onBack: () => void;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const today = useMemo(() => localParts(new Date().toISOString(), timeZone), [timeZone]);
  const [ym, setYm] = useState({ year: today.year, month: today.month });
  const [mode, setMode] = useState<Mode>({ type: 'month' });
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const lastDay = new Date(Date.UTC(ym.year, ym.month, 0)).getUTCDate();
  const [state, reload] = useStationQuery(
    () =>
      api.listOccurrences({
        grant,
        from: dateKey(ym.year, ym.month, 1),
        to: dateKey(ym.year, ym.month, lastDay),
      }),
    `${grant}:${ym.year}-${ym.month}:${version}`,
  );
  const occurrences = state.status === 'ready' ? state.value.occurrences : [];
  const byDay = new Map<number, OccurrenceView[]>();
  for (const o of occurrences) {
    const d = localParts(o.start, timeZone).day;
    byDay.set(d, [...(byDay.get(d) ?? []), o]);
  }
  const weekdays = t('schedule.weekdays').split(',');

  // A remote has no pointer: when the side panel changes, put the focus on its first control
  // (its marked one if any), so Enter on a day or an occurrence lands on what comes next.
  const sideRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const side = sideRef.current;
    if (!side || mode.type === 'month') return;
    const items = focusableIn(side);
    (items.find((el) => el.hasAttribute('data-autofocus')) ?? items[0])?.focus();
  }, [mode]);

  const shiftMonth = (delta: number) => {
    const total = ym.year * 12 + ym.month - 1 + delta;
    setYm({ year: Math.floor(total / 12), month: (total % 12) + 1 });
    setMode({ type: 'month' });
  };
  const done = () => {
    setError(null);
    setVersion((v) => v + 1);
    setMode({ type: 'month' });
  };
  const act = async (fn: () => Promise<unknown>) => {
    try {
      setError(null);
      await fn();
      done();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="screen calendar-screen" data-testid="calendar-screen">
      <ScreenHeader
        title={t('schedule.calendarTitle')}
        subtitle={t('schedule.monthTitle', { year: ym.year, month: ym.month })}
        onBack={onBack}
      >
        <button
          type="button"
          className="button"
          data-testid="calendar-prev"
          onClick={() => shiftMonth(-1)}
        >
          ◀ {t('schedule.prevMonth')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="calendar-next"
          onClick={() => shiftMonth(1)}
        >
          {t('schedule.nextMonth')} ▶
        </button>
      </ScreenHeader>
      <main className="screen-body calendar-body">
        <section className="panel cal-month" aria-label={t('schedule.monthTitle', ym)}>
          <div className="cal-grid cal-grid--head">
            {weekdays.map((w) => (
              <span key={w} className="cal-weekday">
                {w}
              </span>
            ))}
          </div>
          {monthGrid(ym.year, ym.month).map((week, i) => (
            <div className="cal-grid" key={i}>
              {week.map((day, j) =>
                day === null ? (
                  <span key={j} className="cal-day cal-day--pad" />
                ) : (
                  <button
                    key={j}
                    type="button"
                    className={[
                      'cal-day',
                      byDay.has(day) ? 'cal-day--busy' : '',
                      day === today.day && ym.month === today.month && ym.year === today.year
                        ? 'cal-day--today'
                        : '',
                      mode.type !== 'month' && 'day' in mode && mode.day === day
                        ? 'cal-day--selected'
                        : '',
                    ].join(' ')}
                    data-testid={`calendar-day-${day}`}
                    data-autofocus={
                      day === (ym.month === today.month ? today.day : 1) ? '' : undefined
                    }
                    onClick={() => setMode({ type: 'day', day })}
                  >
                    <span className="cal-day__n">{day}</span>
                    {(byDay.get(day) ?? []).slice(0, 2).map((o) => (
                      <span
                        key={`${o.planId}-${o.originalStart}`}
                        className={`cal-day__chip cal-day__chip--${o.status}`}
                      >
                        {o.title}
                      </span>
                    ))}
                  </button>
                ),
              )}
            </div>
          ))}
        </section>
        <section className="panel cal-side" data-testid="calendar-side" ref={sideRef}>
          {error ? <ErrorBanner error={error} /> : null}
          {state.status === 'loading' ? <LoadState onRetry={reload} /> : null}
          {state.status === 'error' ? <LoadState error={state.error} onRetry={reload} /> : null}
          {mode.type === 'month' ? (
            <>
              <h2 className="panel__title">{t('schedule.listTitle', { month: ym.month })}</h2>
              {occurrences.length === 0 && state.status === 'ready' ? (
                <p className="empty-state">{t('schedule.empty')}</p>
              ) : (
                <ul className="cal-list" data-testid="calendar-list">
                  {occurrences.map((o) => (
                    <OccurrenceButton
                      key={`${o.planId}-${o.originalStart}`}
                      occ={o}
                      timeZone={timeZone}
                      onOpen={() => setMode({ type: 'occurrence', occ: o })}
                    />
                  ))}
                </ul>
              )}
            </>
          ) : null}
          {mode.type === 'day' ? (
            <>
              <h2 className="panel__title">
                {ym.month}/{mode.day}
              </h2>
              <ul className="cal-list">
                {(byDay.get(mode.day) ?? []).map((o) => (
                  <OccurrenceButton
                    key={`${o.planId}-${o.originalStart}`}
                    occ={o}
                    timeZone={timeZone}
                    onOpen={() => setMode({ type: 'occurrence', occ: o })}
                  />
                ))}
              </ul>
              <button
                type="button"
                className="button button--primary"
                data-testid="calendar-add"
                onClick={() => setMode({ type: 'add', day: mode.day })}
              >
                {t('schedule.add', { date: `${ym.month}/${mode.day}` })}
              </button>
            </>
          ) : null}
          {mode.type === 'add' ? (
            <AddForm
              key={mode.day}
              date={{ ...ym, day: mode.day }}
              onCancel={() => setMode({ type: 'day', day: mode.day })}
              onSave={(plan) => act(() => api.addPlan({ grant, ...plan }))}
            />
          ) : null}
          {mode.type === 'occurrence' ? (
            <div className="cal-actions">
              <ul className="cal-list">
                <OccurrenceButton occ={mode.occ} timeZone={timeZone} onOpen={() => undefined} />
              </ul>
              {mode.occ.status === 'cancelled' ? null : (
                <>
                  <button
                    type="button"
                    className="button"
                    data-testid="calendar-move"
                    data-autofocus=""
                    onClick={() => setMode({ type: 'move', occ: mode.occ })}
                  >
                    {t('schedule.move')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    data-testid="calendar-cancel"
                    onClick={() => setMode({ type: 'cancel', occ: mode.occ })}
                  >
                    {t('schedule.cancel')}
                  </button>
                </>
              )}
            </div>
          ) : null}
          {mode.type === 'move' || mode.type === 'cancel' ? (
            <ChangeForm
              key={`${mode.type}-${mode.occ.originalStart}`}
              kind={mode.type}
              occ={mode.occ}
              timeZone={timeZone}
              onCancel={() => setMode({ type: 'occurrence', occ: mode.occ })}
              onConfirm={(to, reason) =>
                act(() =>
                  mode.type === 'move'
                    ? api.moveOccurrence({
                        grant,
                        planId: mode.occ.planId,
                        occurrenceStart: mode.occ.start,
                        to,
                        reason,
                      })
                    : api.cancelOccurrence({
                        grant,
                        planId: mode.occ.planId,
                        occurrenceStart: mode.occ.start,
                        reason,
                      }),
                )
              }
            />
          ) : null}
        </section>
      </main>
    </div>
  );
}

function AddForm({
  date,
  onCancel,
  onSave,
}: {
  date: { year: number; month: number; day: number };
  onCancel: () => void;
  onSave: (plan: {
    kind: string;
    title: string;
    start: string;
    durationMinutes: number;
    rrule?: string;
  }) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('collective');
  const [title, setTitle] = useState(t('sessionKind.collective'));
  const [time, setTime] = useState('09:00');
  const [duration, setDuration] = useState('90');
  const choices = repeatChoices(date.year, date.month, date.day);
  const weekdayName = t('schedule.weekdays').split(',')[choices.weekday] ?? '';
  const repeatOptions = [
    { value: 'none', label: t('schedule.repeatNone') },
    ...(choices.monthlyWeekday
      ? [
          {
            value: choices.monthlyWeekday,
            label: t('schedule.repeatMonthlyWeekday', { n: choices.n, weekday: weekdayName }),
          },
        ]
      : []),
    { value: choices.monthlyDay, label: t('schedule.repeatMonthlyDay', { day: date.day }) },
  ];
  const [repeat, setRepeat] = useState('none');
  return (
    <form
      className="cal-form"
      data-testid="calendar-add-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({
          kind,
          title: title.trim(),
          start: `${dateKey(date.year, date.month, date.day)}T${time}`,
          durationMinutes: Number(duration),
          ...(repeat === 'none' ? {} : { rrule: repeat }),
        });
      }}
    >
      <h2 className="panel__title">
        {t('schedule.addTitle')} {date.month}/{date.day}
      </h2>
      <label className="cal-field">
        <span className="cal-field__label">{t('schedule.fieldTitle')}</span>
        <input
          className="text-input"
          data-testid="calendar-title"
          data-autofocus=""
          value={title}
          maxLength={80}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <Choices
        label={t('schedule.fieldKind')}
        testId="calendar-kind"
        value={kind}
        options={KINDS.map((k) => ({ value: k, label: t(`sessionKind.${k}`) }))}
        onChange={(k) => {
          if (title === t(`sessionKind.${kind}`)) setTitle(t(`sessionKind.${k}`));
          setKind(k);
        }}
      />
      <div className="cal-row">
        <label className="cal-field">
          <span className="cal-field__label">{t('schedule.fieldTime')}</span>
          <input
            className="text-input"
            data-testid="calendar-time"
            value={time}
            inputMode="numeric"
            pattern="\d{2}:\d{2}"
            onChange={(e) => setTime(e.target.value)}
          />
        </label>
        <label className="cal-field">
          <span className="cal-field__label">{t('schedule.fieldDuration')}</span>
          <input
            className="text-input"
            data-testid="calendar-duration"
            value={duration}
            inputMode="numeric"
            onChange={(e) => setDuration(e.target.value)}
          />
        </label>
      </div>
      <Choices
        label={t('schedule.fieldRepeat')}
        testId="calendar-repeat"
        value={repeat}
        options={repeatOptions}
        onChange={setRepeat}
      />
      <div className="cal-row">
        <button type="submit" className="button button--primary" data-testid="calendar-save">
          {t('schedule.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('schedule.cancelEdit')}
        </button>
      </div>
    </form>
  );
}

function ChangeForm({
  kind,
  occ,
  timeZone,
  onCancel,
  onConfirm,
}: {
  kind: 'move' | 'cancel';
  occ: OccurrenceView;
  timeZone: string;
  onCancel: () => void;
  onConfirm: (to: string, reason: string) => void;
}) {
  const { t } = useTranslation();
  const start = localParts(occ.start, timeZone);
  const [dayShift, setDayShift] = useState(0);
  const [time, setTime] = useState(hm(start.hour, start.minute));
  const reasons = t('schedule.reasons').split(',');
  const [reason, setReason] = useState(reasons[0] ?? '');
  const target = new Date(Date.UTC(start.year, start.month - 1, start.day + dayShift));
  const targetDate = dateKey(
    target.getUTCFullYear(),
    target.getUTCMonth() + 1,
    target.getUTCDate(),
  );
  return (
    <div className="cal-form" data-testid={`calendar-${kind}-form`}>
      <h2 className="panel__title">
        {kind === 'move' ? t('schedule.move') : t('schedule.cancel')}：{occ.title}
      </h2>
      {kind === 'move' ? (
        <>
          <p className="cal-target" data-testid="calendar-move-target">
            {t('schedule.moveTo')} {targetDate} {time}
          </p>
          <div className="cal-row">
            <button
              type="button"
              className="button"
              data-autofocus=""
              onClick={() => setDayShift((d) => d - 1)}
            >
              {t('schedule.earlier')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="calendar-later"
              onClick={() => setDayShift((d) => d + 1)}
            >
              {t('schedule.later')}
            </button>
            <label className="cal-field">
              <span className="cal-field__label">{t('schedule.fieldTime')}</span>
              <input
                className="text-input"
                value={time}
                inputMode="numeric"
                onChange={(e) => setTime(e.target.value)}
              />
            </label>
          </div>
        </>
      ) : null}
      <Choices
        label={t('schedule.reason')}
        testId="calendar-reason"
        value={reason}
        options={reasons.map((r) => ({ value: r, label: r }))}
        onChange={setReason}
      />
      <div className="cal-row">
        <button
          type="button"
          className="button button--primary"
          data-testid="calendar-confirm"
          data-autofocus={kind === 'cancel' ? '' : undefined}
          onClick={() => onConfirm(`${targetDate}T${time}`, reason)}
        >
          {t('schedule.confirm')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('schedule.cancelEdit')}
        </button>
      </div>
    </div>
  );
}

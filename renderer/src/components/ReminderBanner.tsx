import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderView } from '../../../common/contract-schedule.js';
import { useStation } from '../api/context.js';
import { formatSessionStart } from '../i18n/format.js';
import { usePolled } from './usePolled.js';

const POLL_MS = 15_000;

/**
 * A short two-note chime through Web Audio (no sound file to ship). Browsers may refuse audio
 * before a user gesture; a kiosk launched with autoplay allowed plays it, others stay silent.
 */
function chime(): void {
  try {
    const AudioCtx =
      window.AudioContext ??
      (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioCtx) return;
    const ctx = new AudioCtx();
    const notes = [660, 880, 660, 880];
    notes.forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const at = ctx.currentTime + i * 0.45;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.4);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.42);
    });
    setTimeout(() => void ctx.close(), notes.length * 450 + 500);
  } catch {
    // No audio device: the banner alone must do.
  }
}

const STAGE_KEY = {
  'day-before': 'schedule.bannerDayBefore',
  'hour-before': 'schedule.bannerHourBefore',
  start: 'schedule.bannerStart',
} as const;

/**
 * The kiosk's reminder: the day before, within the hour, and at start time (with a chime, once
 * per session). The organizer starts the session from here with one press (PIN first).
 */
export function ReminderBanner({
  timeZone,
  onStart,
}: {
  timeZone: string;
  onStart: (r: ReminderView) => void;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [reminder] = usePolled(
    useCallback(() => api.getReminder({}), [api]),
    POLL_MS,
  );
  const chimed = useRef(new Set<string>());

  useEffect(() => {
    if (reminder?.stage !== 'start') return;
    const key = `${reminder.occurrence.planId}@${reminder.occurrence.originalStart}`;
    if (chimed.current.has(key)) return;
    chimed.current.add(key);
    chime();
  }, [reminder]);

  if (!reminder) return null;
  const o = reminder.occurrence;
  return (
    <section
      className={`reminder-banner reminder-banner--${reminder.stage}`}
      data-testid="reminder-banner"
      data-stage={reminder.stage}
      role="alert"
    >
      <div className="reminder-banner__text">
        <p className="reminder-banner__title">{t(STAGE_KEY[reminder.stage], { title: o.title })}</p>
        <p className="reminder-banner__time">
          {t('schedule.bannerTime', { time: formatSessionStart(t, o.start, timeZone) })}
        </p>
      </div>
      {reminder.stage === 'day-before' ? null : (
        <button
          type="button"
          className="button button--primary reminder-banner__start"
          data-testid="reminder-start"
          onClick={() => onStart(reminder)}
        >
          {t('schedule.startNow')}
        </button>
      )}
    </section>
  );
}

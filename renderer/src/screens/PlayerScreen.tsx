import '../styles/player.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlayerQueue, QueueItem } from '../../../common/contract-player.js';
import { useStation } from '../api/context.js';
import { LoadState } from '../components/LoadState.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import type { PlayRequest } from '../navigation.js';
import {
  playerActionFor,
  SEEK_STEP_SECONDS,
  seekTarget,
  stepVolume,
  VOLUME_STEP,
} from '../player/keys.js';
import { PlayReporter } from '../player/play-reporter.js';
import { mediaTypeOf, videojs, type Player } from '../player/videojs.js';
import { WatchedTracker } from '../player/watched-tracker.js';
import { useWakeLock } from '../player/useWakeLock.js';
import { useFocusWhen } from '../player/useFocusWhen.js';
import { useStationQuery } from './useStationQuery.js';

/** Proof of play is sent this often while playing, and at every pause, end, skip and exit. */
const REPORT_EVERY_MS = 15_000;
/** How long the "cannot play" message stays before the next item starts. */
const FAILED_ADVANCE_SECONDS = 6;
/** Playing but no new frame for this long (a file cut short, a stalled disk): treat as failed. */
const STALL_MS = 20_000;
/** A resume point this close to the end starts the file over instead. */
const RESUME_TAIL_SECONDS = 10;
const OSD_MS = 1800;
/** The same keys as the App's Back. */
const BACK_KEYS = new Set(['Escape', 'BrowserBack', 'GoBack', 'Backspace']);

type Phase = { name: 'playing' } | { name: 'failed'; secondsLeft: number } | { name: 'done' };

function formatTime(seconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Shows the preferred (Chinese) subtitles and hides the others. */
function showSubtitles(player: Player): void {
  const tracks = player.textTracks() as unknown as ArrayLike<TextTrack>;
  const list = Array.from(tracks).filter((t) => t.kind === 'subtitles' || t.kind === 'captions');
  const preferred = list.find((t) => t.language.startsWith('zh')) ?? list[0];
  for (const track of list) track.mode = track === preferred ? 'showing' : 'disabled';
}

function PlayerView({ queue, onBack }: { queue: PlayerQueue; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const { api, mediaUrl } = useStation();
  const holderRef = useRef<HTMLDivElement>(null);
  const playerRef = useRef<Player | null>(null);
  const [index, setIndex] = useState(0);
  const [phase, setPhase] = useState<Phase>({ name: 'playing' });
  const [osd, setOsd] = useState<string | null>(null);
  const [needsKey, setNeedsKey] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [userActive, setUserActive] = useState(true);
  const [reportProblem, setReportProblem] = useState<unknown>(null);
  useWakeLock(playing);

  // Event handlers registered once read the live values through refs.
  const items = queue.items;
  const item: QueueItem | undefined = items[index];
  const itemRef = useRef(item);
  itemRef.current = item;
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const tracker = useRef(new WatchedTracker()).current;
  const resumeRef = useRef(0);
  const lastProgressRef = useRef(performance.now());
  const lastReportedPosition = useRef(-1);
  // Where each item stopped during this showing; the queue's resume points are from before it.
  const positions = useRef(new Map<string, number>());
  const [round, setRound] = useState(0);
  const reporter = useRef<PlayReporter | null>(null);
  reporter.current ??= new PlayReporter((r) => api.recordPlay(r), setReportProblem);
  const osdTimer = useRef<number | undefined>(undefined);

  const flash = useCallback((text: string) => {
    setOsd(text);
    window.clearTimeout(osdTimer.current);
    osdTimer.current = window.setTimeout(() => setOsd(null), OSD_MS);
  }, []);

  /** Sends what was watched of the current item since the last report. */
  const report = useCallback(
    (finished = false) => {
      const current = itemRef.current;
      const player = playerRef.current;
      if (!current || !player) return;
      const { ranges, elapsedMs } = tracker.take(performance.now());
      const position = Math.min(86_400, Math.max(0, player.currentTime() ?? 0));
      if (ranges.length === 0 && !finished && Math.abs(position - lastReportedPosition.current) < 1)
        return;
      lastReportedPosition.current = position;
      positions.current.set(current.path, finished ? 0 : position);
      reporter.current?.report({
        courseId: current.courseId,
        path: current.path,
        sessionId: queue.session?.id ?? null,
        makeupId: queue.makeup?.id ?? null,
        elapsedMs,
        watched: ranges,
        positionSeconds: position,
        finished,
      });
    },
    [queue, tracker],
  );

  const goTo = useCallback(
    (next: number) => {
      tracker.interrupt();
      report();
      if (next >= items.length) {
        playerRef.current?.pause();
        setPhase({ name: 'done' });
        return;
      }
      setIndex(Math.max(0, next));
      setRound((r) => r + 1);
      setPhase({ name: 'playing' });
    },
    [items.length, report, tracker],
  );
  const goToRef = useRef(goTo);
  goToRef.current = goTo;
  const indexRef = useRef(index);
  indexRef.current = index;

  const fail = useCallback(() => {
    if (phaseRef.current.name !== 'playing') return;
    tracker.interrupt();
    report();
    playerRef.current?.pause();
    setPlaying(false);
    setPhase({ name: 'failed', secondsLeft: FAILED_ADVANCE_SECONDS });
  }, [report, tracker]);
  const failRef = useRef(fail);
  failRef.current = fail;

  // The video.js player lives as long as the screen; items change its source.
  useEffect(() => {
    const holder = holderRef.current;
    if (!holder) return;
    const el = document.createElement('video-js');
    el.setAttribute('data-testid', 'player-video');
    holder.appendChild(el);
    const player = videojs(el, {
      controls: true,
      preload: 'auto',
      fill: true,
      language: i18n.language === 'en' ? 'en' : 'zh-CN',
      bigPlayButton: false,
      // The screen's own message replaces video.js's English error box.
      errorDisplay: false,
      textTrackSettings: false,
      inactivityTimeout: 4000,
      // Native tracks: the browser fetches the WebVTT through <track> (CSP media-src), and draws
      // the cues itself, styled with ::cue in player.css.
      html5: { nativeTextTracks: true },
      userActions: { hotkeys: false },
      controlBar: {
        pictureInPictureToggle: false,
        playbackRateMenuButton: false,
        chaptersButton: false,
        descriptionsButton: false,
        audioTrackButton: false,
        remainingTimeDisplay: false,
      },
    });
    playerRef.current = player;
    const now = () => performance.now();
    player.on('timeupdate', () => {
      if (!player.paused() && !player.seeking()) {
        tracker.playedTo(player.currentTime() ?? 0, now());
        lastProgressRef.current = now();
      }
    });
    player.on('seeking', () => tracker.interrupt());
    player.on('playing', () => {
      lastProgressRef.current = now();
      setPlaying(true);
      setNeedsKey(false);
    });
    player.on('pause', () => {
      tracker.interrupt();
      setPlaying(false);
      if (phaseRef.current.name === 'playing') report();
    });
    player.on('ended', () => {
      tracker.interrupt();
      report(true);
      goToRef.current(indexRef.current + 1);
    });
    player.on('error', () => failRef.current());
    player.on('loadedmetadata', () => {
      const resume = resumeRef.current;
      resumeRef.current = 0;
      const duration = player.duration() ?? Number.NaN;
      if (resume > 0 && (!Number.isFinite(duration) || resume < duration - RESUME_TAIL_SECONDS)) {
        player.currentTime(resume);
      }
      showSubtitles(player);
    });
    player.on('useractive', () => setUserActive(true));
    player.on('userinactive', () => setUserActive(false));

    const reportTimer = window.setInterval(() => report(), REPORT_EVERY_MS);
    // The kiosk closing (Electron quitting, a reload) unmounts nothing: send the last stretch now.
    // IPC leaves at once; over HTTP it is best effort.
    const onPageHide = () => {
      tracker.interrupt();
      report();
    };
    window.addEventListener('pagehide', onPageHide);
    const watchdog = window.setInterval(() => {
      const stuck = !player.paused() && now() - lastProgressRef.current > STALL_MS;
      if (stuck && phaseRef.current.name === 'playing') failRef.current();
    }, 1000);
    return () => {
      window.clearInterval(reportTimer);
      window.removeEventListener('pagehide', onPageHide);
      window.clearInterval(watchdog);
      tracker.interrupt();
      report();
      playerRef.current = null;
      player.dispose();
    };
    // Created once per screen; later changes reach the handlers through refs.
  }, []);

  // A new item: its file, its subtitles, where it stopped last time; then play, with sound.
  useEffect(() => {
    const player = playerRef.current;
    if (!player || !item) return;
    player.error(null as never);
    const remote = player.remoteTextTracks() as unknown as ArrayLike<TextTrack>;
    for (const track of Array.from(remote)) player.removeRemoteTextTrack(track as never);
    resumeRef.current = positions.current.get(item.path) ?? item.resumeSeconds;
    lastReportedPosition.current = -1;
    lastProgressRef.current = performance.now();
    player.src({ src: mediaUrl(item.path), type: mediaTypeOf(item.path) });
    // Subtitles go in as blob: URLs (see getSubtitles in the contract); a course whose subtitles
    // cannot be read still plays, without them.
    let current = true;
    const urls: string[] = [];
    item.subtitles.forEach((sub, i) => {
      api.getSubtitles({ courseId: item.courseId, path: sub.path }).then(
        (text) => {
          if (!current) return;
          const url = URL.createObjectURL(new Blob([text], { type: 'text/vtt' }));
          urls.push(url);
          player.addRemoteTextTrack(
            {
              kind: 'subtitles',
              srclang: sub.lang,
              label: sub.lang.startsWith('zh') ? '中文' : sub.lang,
              src: url,
              default: sub.lang.startsWith('zh') || i === 0,
            },
            false,
          );
          showSubtitles(player);
        },
        () => undefined,
      );
    });
    const started = player.play();
    // Without the kiosk's autoplay policy the browser wants a key press first; say so.
    started?.catch((err: unknown) => {
      if (err instanceof DOMException && err.name === 'NotAllowedError') setNeedsKey(true);
    });
    return () => {
      current = false;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [item, round, api, mediaUrl]);

  // After a failure: a countdown, then the next item (never a black screen).
  useEffect(() => {
    if (phase.name !== 'failed') return;
    if (phase.secondsLeft <= 0) {
      goTo(index + 1);
      return;
    }
    const timer = window.setTimeout(
      () => setPhase({ name: 'failed', secondsLeft: phase.secondsLeft - 1 }),
      1000,
    );
    return () => window.clearTimeout(timer);
  }, [phase, goTo, index]);

  const againRef = useRef<HTMLButtonElement>(null);
  useFocusWhen(againRef, phase.name === 'done');

  const onBackRef = useRef(onBack);
  onBackRef.current = onBack;

  // The remote's keys, captured before spatial navigation or video.js see them. Back is handled
  // here too: video.js stops every key pressed on its controls from reaching the App.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (BACK_KEYS.has(event.key)) {
        event.preventDefault();
        event.stopPropagation();
        onBackRef.current();
        return;
      }
      if (phaseRef.current.name === 'done') return;
      const action = playerActionFor(event.key);
      const player = playerRef.current;
      if (!action || !player) return;
      event.preventDefault();
      event.stopPropagation();
      if (phaseRef.current.name === 'failed') {
        if (action === 'toggle' || action === 'next') goToRef.current(indexRef.current + 1);
        return;
      }
      player.userActive(true);
      const duration = player.duration() ?? Number.NaN;
      const current = player.currentTime() ?? 0;
      switch (action) {
        case 'toggle':
          if (event.repeat) return;
          if (player.paused()) {
            void player.play()?.catch(() => undefined);
            flash(t('player.play'));
          } else {
            player.pause();
            flash(t('player.pause'));
          }
          return;
        case 'back30':
        case 'forward30': {
          const sign = action === 'back30' ? -1 : 1;
          const target = seekTarget(current, duration, sign * SEEK_STEP_SECONDS);
          player.currentTime(target);
          flash(
            t(sign < 0 ? 'player.back' : 'player.forward', {
              seconds: SEEK_STEP_SECONDS,
              at: formatTime(target),
              total: formatTime(duration),
            }),
          );
          return;
        }
        case 'volumeUp':
        case 'volumeDown': {
          const volume = stepVolume(
            player.volume() ?? 1,
            action === 'volumeUp' ? VOLUME_STEP : -VOLUME_STEP,
          );
          player.volume(volume);
          player.muted(false);
          flash(t('player.volume', { percent: Math.round(volume * 100) }));
          return;
        }
        case 'next':
          goToRef.current(indexRef.current + 1);
          return;
        case 'previous':
          // Before the first item there is nothing: start it over instead.
          if (indexRef.current === 0) player.currentTime(0);
          else goToRef.current(indexRef.current - 1);
          return;
        case 'fullscreen':
          if (player.isFullscreen()) void player.exitFullscreen();
          else void player.requestFullscreen();
          return;
      }
    };
    // Space activates a focused button on key-up; the player already acted on key-down.
    const onKeyUp = (event: KeyboardEvent) => {
      if (phaseRef.current.name !== 'done' && (event.key === ' ' || event.key === 'Enter')) {
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keyup', onKeyUp, true);
      window.clearTimeout(osdTimer.current);
    };
  }, [flash, t]);

  const context = queue.makeup
    ? t('player.makeupFor', { name: queue.makeup.memberName })
    : queue.session
      ? t('player.sessionFor', { title: queue.session.title })
      : t('player.freeShowing');

  return (
    <div
      className={`player-screen${userActive || !playing ? ' is-active' : ''}`}
      data-testid="player-screen"
      data-index={index}
      data-phase={phase.name}
      data-path={item?.path ?? ''}
    >
      {/* Behind a message the video's controls are out of the remote's reach. */}
      <div className="player-stage" ref={holderRef} inert={phase.name !== 'playing'} />
      <header className="player-top">
        <span className="player-top__title" data-testid="player-title">
          {item?.courseTitle}
        </span>
        <span className="player-top__meta">
          {t('player.position', { n: Math.min(index + 1, items.length), total: items.length })}
          {' · '}
          {context}
        </span>
        <span className="player-top__keys">{t('player.keys')}</span>
      </header>
      {osd ? (
        <div className="player-osd" data-testid="player-osd" role="status">
          {osd}
        </div>
      ) : null}
      {needsKey && phase.name === 'playing' ? (
        <div className="player-osd">{t('player.pressToPlay')}</div>
      ) : null}
      {phase.name === 'failed' && item ? (
        <div className="player-message" data-testid="player-error" role="alert">
          <p className="player-message__title">
            {t('player.cannotPlay', { title: item.courseTitle })}
          </p>
          <p>{t('player.cannotPlayWhy', { file: item.path.split('/').pop() })}</p>
          <p className="player-message__next">
            {index + 1 < items.length
              ? t('player.nextIn', { seconds: phase.secondsLeft })
              : t('player.endIn', { seconds: phase.secondsLeft })}
          </p>
        </div>
      ) : null}
      {phase.name === 'done' ? (
        <div className="player-message" data-testid="player-done">
          <p className="player-message__title">{t('player.allDone')}</p>
          <div className="player-message__actions">
            <button
              type="button"
              className="button button--primary"
              ref={againRef}
              data-autofocus=""
              data-testid="player-again"
              onClick={() => goTo(0)}
            >
              {t('player.again')}
            </button>
            <button type="button" className="button" data-testid="player-leave" onClick={onBack}>
              {t('common.back')}
            </button>
          </div>
        </div>
      ) : null}
      {reportProblem ? (
        <p className="player-warning" data-testid="player-report-problem">
          {t('player.logFailed')}
        </p>
      ) : null}
    </div>
  );
}

/** The course player: loads the playlist from the station, then plays it item after item. */
export default function PlayerScreen({
  request,
  onBack,
}: {
  request: PlayRequest;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [queue, reload] = useStationQuery(
    () => api.getPlayerQueue(request),
    `player:${JSON.stringify(request)}`,
  );
  if (queue.status === 'ready' && queue.value.items.length > 0) {
    return <PlayerView queue={queue.value} onBack={onBack} />;
  }
  return (
    <div className="screen" data-testid="player-screen" data-phase="loading">
      <ScreenHeader title={t('player.title')} onBack={onBack} />
      <main className="screen-body">
        {queue.status === 'loading' ? <LoadState onRetry={reload} /> : null}
        {queue.status === 'error' ? <LoadState error={queue.error} onRetry={reload} /> : null}
        {queue.status === 'ready' ? (
          <p className="empty-state" data-testid="player-empty">
            {t('player.noCourses')}
          </p>
        ) : null}
      </main>
    </div>
  );
}

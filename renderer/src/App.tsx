import { Suspense, lazy, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeView, Role } from '../../common/contract.js';
import type { ReminderView } from '../../common/contract-schedule.js';
import { useStation } from './api/context.js';
import { ErrorBanner } from './components/ErrorBanner.js';
import { applyLanguage } from './i18n/index.js';
import { isTextField } from './nav/focus.js';
import { useSpatialNav } from './nav/useSpatialNav.js';
import { currentScreen, grantOf, INITIAL_STACK, lockGrantOf, navigate } from './navigation.js';
import { HomeScreen } from './screens/HomeScreen.js';

// Only the home screen is in the first bundle: every other screen is its own chunk, fetched from
// loopback when first opened (and warmed in idle time after start), so a kiosk that grows more
// screens — the player brings video.js — does not start slower.
const OrganizerScreen = lazy(() =>
  import('./screens/OrganizerScreen.js').then((m) => ({ default: m.OrganizerScreen })),
);
const PinScreen = lazy(() =>
  import('./screens/PinScreen.js').then((m) => ({ default: m.PinScreen })),
);
const SetupScreen = lazy(() =>
  import('./screens/SetupScreen.js').then((m) => ({ default: m.SetupScreen })),
);
const EquipmentScreen = lazy(() =>
  import('./screens/EquipmentScreen.js').then((m) => ({ default: m.EquipmentScreen })),
);
const TechnicianScreen = lazy(() =>
  import('./screens/TechnicianScreen.js').then((m) => ({ default: m.TechnicianScreen })),
);
const YearReportScreen = lazy(() =>
  import('./screens/YearReportScreen.js').then((m) => ({ default: m.YearReportScreen })),
);
const MemberReportScreen = lazy(() =>
  import('./screens/MemberReportScreen.js').then((m) => ({ default: m.MemberReportScreen })),
);
const CoursePickScreen = lazy(() =>
  import('./screens/CoursePickScreen.js').then((m) => ({ default: m.CoursePickScreen })),
);
const MakeupScreen = lazy(() =>
  import('./screens/MakeupScreen.js').then((m) => ({ default: m.MakeupScreen })),
);
// video.js is large: its chunk loads only when the player opens.
const PlayerScreen = lazy(() => import('./screens/PlayerScreen.js'));
const CheckinScreen = lazy(() =>
  import('./screens/CheckinScreen.js').then((m) => ({ default: m.CheckinScreen })),
);
const RosterScreen = lazy(() =>
  import('./screens/RosterScreen.js').then((m) => ({ default: m.RosterScreen })),
);
const CalendarScreen = lazy(() =>
  import('./screens/CalendarScreen.js').then((m) => ({ default: m.CalendarScreen })),
);

// The home view carries the date, next session and status; refreshing it keeps a kiosk that runs
// for weeks current without a reload.
const HOME_REFRESH_MS = 30_000;

/** Keys a TV remote, an air mouse or a keyboard sends for "back". */
const BACK_KEYS = new Set(['Escape', 'BrowserBack', 'GoBack', 'Backspace']);

type HomeState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; home: HomeView; skewMs: number; refreshError: unknown };

/** How a fresh home view becomes the screen's state. `now` has whole seconds, so a gap under two
 * seconds between the station's clock and the browser's is rounding, not a different clock. */
function readyState(home: HomeView, refreshError: unknown = null): HomeState {
  const skewMs = Date.parse(home.now) - Date.now();
  return {
    status: 'ready',
    home,
    skewMs: Number.isFinite(skewMs) && Math.abs(skewMs) >= 2000 ? skewMs : 0,
    refreshError,
  };
}

/**
 * `initialHome` is the home view main.tsx fetched before the first render, so a kiosk that starts
 * normally renders its home screen once, with no loading screen in between.
 */
export function App({ initialHome }: { initialHome?: HomeView }) {
  const { t, i18n } = useTranslation();
  const { api } = useStation();
  const [homeState, setHomeState] = useState<HomeState>(() =>
    initialHome ? readyState(initialHome) : { status: 'loading' },
  );
  const [stack, dispatch] = useReducer(navigate, INITIAL_STACK);
  const [actionError, setActionError] = useState<unknown>(null);
  const [switchingLanguage, setSwitchingLanguage] = useState(false);
  // A session the organizer chose to start from the reminder banner, waiting for the PIN.
  const [pendingStart, setPendingStart] = useState<ReminderView | null>(null);
  const [organizerNotice, setOrganizerNotice] = useState<string | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  useSpatialNav(containerRef);
  const screen = currentScreen(stack);

  const showHome = useCallback(
    async (home: HomeView) => {
      await applyLanguage(i18n, home.language);
      setHomeState(readyState(home));
    },
    [i18n],
  );

  const loadHome = useCallback(async () => {
    try {
      await showHome(await api.getHome({}));
    } catch (error) {
      // Once the home screen is up, keep showing it and say that the station stopped answering.
      setHomeState((current) =>
        current.status === 'ready'
          ? { ...current, refreshError: error }
          : { status: 'error', error },
      );
    }
  }, [api, showHome]);

  // Without a home view from main.tsx, load one now; either way refresh it periodically.
  const hadInitialHome = useRef(initialHome !== undefined);
  useEffect(() => {
    if (!hadInitialHome.current) void loadHome();
    hadInitialHome.current = false;
    const timer = setInterval(() => void loadHome(), HOME_REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadHome]);

  const leave = useCallback(() => {
    const grant = grantOf(screen);
    // Leaving a protected page gives the grant back; it also lapses on its own if this fails.
    if (grant) api.lock({ grant }).catch(() => undefined);
    setActionError(null);
    dispatch({ type: 'back' });
  }, [api, screen]);

  const lockAndGoHome = useCallback(async () => {
    const grant = lockGrantOf(screen);
    if (grant) await api.lock({ grant }).catch(() => undefined);
    dispatch({ type: 'home' });
  }, [api, screen]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !BACK_KEYS.has(event.key)) return;
      if (event.key === 'Backspace' && isTextField(document.activeElement)) return;
      event.preventDefault();
      leave();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [leave]);

  const toggleLanguage = async () => {
    if (homeState.status !== 'ready' || switchingLanguage) return;
    setSwitchingLanguage(true);
    setActionError(null);
    try {
      const language = homeState.home.language === 'zh-CN' ? 'en' : 'zh-CN';
      await api.setLanguage({ language });
      await loadHome();
    } catch (error) {
      setActionError(error);
    } finally {
      setSwitchingLanguage(false);
    }
  };

  const openPin = (role: Role) => {
    setActionError(null);
    setPendingStart(null);
    setOrganizerNotice(null);
    dispatch({ type: 'openPin', role });
  };

  const startFromBanner = (reminder: ReminderView) => {
    openPin('organizer');
    setPendingStart(reminder);
  };

  const unlocked = async (role: Role, grant: string) => {
    const start = role === 'organizer' ? pendingStart : null;
    setPendingStart(null);
    if (start) {
      try {
        const r = await api.startPlannedSession({
          grant,
          planId: start.occurrence.planId,
          occurrenceStart: start.occurrence.start,
        });
        setOrganizerNotice(
          t(r.alreadyStarted ? 'schedule.alreadyStarted' : 'schedule.started', { title: r.title }),
        );
      } catch (error) {
        setActionError(error);
      }
    }
    dispatch({ type: 'unlocked', role, grant });
  };

  let content;
  if (homeState.status === 'loading') {
    content = (
      <p className="loading loading--app" data-testid="loading">
        {t('app.loading')}
      </p>
    );
  } else if (homeState.status === 'error') {
    content = (
      <div className="screen load-error load-error--app">
        <h1>{t('app.title')}</h1>
        <ErrorBanner error={homeState.error} />
        <button type="button" className="button" data-autofocus="" onClick={() => void loadHome()}>
          {t('common.retry')}
        </button>
      </div>
    );
  } else if (homeState.home.setupRequired) {
    content = <SetupScreen onDone={(home) => void showHome(home)} />;
  } else if (screen.name === 'home') {
    content = (
      <HomeScreen
        home={homeState.home}
        clockSkewMs={homeState.skewMs}
        onOpenPin={openPin}
        onToggleLanguage={() => void toggleLanguage()}
        onStartSession={startFromBanner}
        switchingLanguage={switchingLanguage}
        error={actionError ?? homeState.refreshError}
      />
    );
  } else if (screen.name === 'pin') {
    content = (
      <PinScreen
        key={screen.role}
        role={screen.role}
        onBack={leave}
        onUnlocked={(grant) => void unlocked(screen.role, grant)}
      />
    );
  } else if (screen.name === 'organizer') {
    const { grant } = screen;
    const year = homeState.home.today.year;
    content = (
      <OrganizerScreen
        grant={grant}
        onBack={leave}
        onLock={() => void lockAndGoHome()}
        onOpenYearReport={() =>
          dispatch({ type: 'open', screen: { name: 'yearReport', grant, year } })
        }
        onPlayCourses={() => dispatch({ type: 'open', screen: { name: 'coursePick', grant } })}
        onMakeup={() => dispatch({ type: 'open', screen: { name: 'makeup', grant } })}
        onStartCheckin={() => dispatch({ type: 'open', screen: { name: 'checkin', grant } })}
        onOpenRoster={() => dispatch({ type: 'open', screen: { name: 'roster', grant } })}
        onOpenCalendar={() => dispatch({ type: 'open', screen: { name: 'calendar', grant } })}
        notice={organizerNotice}
        error={actionError}
        onOpenMemberReport={(memberId) =>
          dispatch({ type: 'open', screen: { name: 'memberReport', grant, year, memberId } })
        }
      />
    );
  } else if (screen.name === 'calendar') {
    content = (
      <CalendarScreen grant={screen.grant} onBack={leave} timeZone={homeState.home.timeZone} />
    );
  } else if (screen.name === 'yearReport') {
    const { grant } = screen;
    content = (
      <YearReportScreen
        grant={grant}
        year={screen.year}
        onBack={leave}
        onYear={(year) => {
          dispatch({ type: 'back' });
          dispatch({ type: 'open', screen: { name: 'yearReport', grant, year } });
        }}
        onOpenMember={(memberId) =>
          dispatch({
            type: 'open',
            screen: { name: 'memberReport', grant, year: screen.year, memberId },
          })
        }
      />
    );
  } else if (screen.name === 'memberReport') {
    content = (
      <MemberReportScreen
        grant={screen.grant}
        memberId={screen.memberId}
        year={screen.year}
        onBack={leave}
      />
    );
  } else if (screen.name === 'equipment') {
    content = (
      <EquipmentScreen grant={screen.grant} onBack={leave} onLock={() => void lockAndGoHome()} />
    );
  } else if (screen.name === 'coursePick') {
    content = (
      <CoursePickScreen
        onBack={leave}
        onPlay={(request) => dispatch({ type: 'open', screen: { name: 'player', request } })}
      />
    );
  } else if (screen.name === 'makeup') {
    content = (
      <MakeupScreen
        grant={screen.grant}
        onBack={leave}
        onStarted={(makeupId) =>
          dispatch({ type: 'open', screen: { name: 'player', request: { makeupId } } })
        }
      />
    );
  } else if (screen.name === 'player') {
    content = <PlayerScreen request={screen.request} onBack={leave} />;
  } else if (screen.name === 'checkin') {
    content = <CheckinScreen grant={screen.grant} onBack={leave} />;
  } else if (screen.name === 'roster') {
    content = <RosterScreen grant={screen.grant} onBack={leave} />;
  } else {
    content = (
      <TechnicianScreen
        grant={screen.grant}
        onBack={leave}
        onLock={() => void lockAndGoHome()}
        onOpenEquipment={() => dispatch({ type: 'openEquipment', grant: screen.grant })}
      />
    );
  }

  return (
    <div className="kiosk" ref={containerRef}>
      <Suspense
        fallback={
          <p className="loading loading--app" data-testid="loading">
            {t('common.loading')}
          </p>
        }
      >
        {content}
      </Suspense>
    </div>
  );
}

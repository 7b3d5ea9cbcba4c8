import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeView, Role } from '../../common/contract.js';
import type { ReminderView } from '../../common/contract-schedule.js';
import { useStation } from './api/context.js';
import { ErrorBanner } from './components/ErrorBanner.js';
import { applyLanguage } from './i18n/index.js';
import { isTextField } from './nav/focus.js';
import { useSpatialNav } from './nav/useSpatialNav.js';
import { currentScreen, grantOf, INITIAL_STACK, navigate } from './navigation.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { OrganizerScreen } from './screens/OrganizerScreen.js';
import { PinScreen } from './screens/PinScreen.js';
import { SetupScreen } from './screens/SetupScreen.js';
import { TechnicianScreen } from './screens/TechnicianScreen.js';
import { CalendarScreen } from './screens/CalendarScreen.js';

// The home view carries the date, next session and status; refreshing it keeps a kiosk that runs
// for weeks current without a reload.
const HOME_REFRESH_MS = 30_000;

/** Keys a TV remote, an air mouse or a keyboard sends for "back". */
const BACK_KEYS = new Set(['Escape', 'BrowserBack', 'GoBack', 'Backspace']);

type HomeState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; home: HomeView; skewMs: number; refreshError: unknown };

export function App({ firstHome }: { firstHome?: Promise<HomeView> }) {
  const { t, i18n } = useTranslation();
  const { api } = useStation();
  const [homeState, setHomeState] = useState<HomeState>({ status: 'loading' });
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
      // `now` has whole seconds, so a gap under two seconds is rounding, not a different clock.
      const skewMs = Date.parse(home.now) - Date.now();
      await applyLanguage(i18n, home.language);
      setHomeState({
        status: 'ready',
        home,
        skewMs: Number.isFinite(skewMs) && Math.abs(skewMs) >= 2000 ? skewMs : 0,
        refreshError: null,
      });
    },
    [i18n],
  );

  // The request main.tsx started before the first render answers the first load; later loads
  // (refreshes, retries) ask again.
  const pendingFirstHome = useRef(firstHome);
  const loadHome = useCallback(async () => {
    const early = pendingFirstHome.current;
    pendingFirstHome.current = undefined;
    try {
      await showHome(await (early ?? api.getHome({})));
    } catch (error) {
      // Once the home screen is up, keep showing it and say that the station stopped answering.
      setHomeState((current) =>
        current.status === 'ready'
          ? { ...current, refreshError: error }
          : { status: 'error', error },
      );
    }
  }, [api, showHome]);

  useEffect(() => {
    void loadHome();
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
    const grant = grantOf(screen);
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
    content = (
      <OrganizerScreen
        grant={screen.grant}
        onBack={leave}
        onLock={() => void lockAndGoHome()}
        onOpenCalendar={() => dispatch({ type: 'openCalendar', grant: screen.grant })}
        notice={organizerNotice}
        error={actionError}
      />
    );
  } else if (screen.name === 'calendar') {
    content = (
      <CalendarScreen grant={screen.grant} onBack={leave} timeZone={homeState.home.timeZone} />
    );
  } else {
    content = (
      <TechnicianScreen grant={screen.grant} onBack={leave} onLock={() => void lockAndGoHome()} />
    );
  }

  return (
    <div className="kiosk" ref={containerRef}>
      {content}
    </div>
  );
}

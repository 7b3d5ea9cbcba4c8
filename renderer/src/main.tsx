// First: starts the home-view request before the large modules below are evaluated.
import { firstHome, station } from './api/early-home.js';
import './styles/base.css';
import './styles/forms.css';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { StationContext } from './api/context.js';
import { loadBundledFonts } from './styles/load-fonts.js';
import { applyLanguage, createI18n } from './i18n/index.js';

let firstScreenSeen = false;

/**
 * What waits until the first screen is drawn: the web font, and keeping the launch token. Asked
 * for at the app's first commit, not with an animation frame at start, which can come before
 * React has drawn anything and would put them in the first screen's way; then one frame (the
 * commit painted) and a task later. Once per page: StrictMode runs a development mount's effects
 * twice.
 */
function afterFirstScreen(): void {
  if (firstScreenSeen) return;
  firstScreenSeen = true;
  requestAnimationFrame(() =>
    setTimeout(() => {
      station.afterFirstScreen?.();
      loadBundledFonts();
    }, 0),
  );
}

/** Runs `run` once the app's first render is committed (effects run after it, children first). */
function OnMounted({ run }: { run: () => void }) {
  useEffect(run, [run]);
  return null;
}

// The composition root: pick the transport, set up i18n, render.
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// index.html's title is already Chinese; applyLanguage sets it for the station's language.
const i18n = createI18n();
// Render once the home view is here (api/early-home.ts asked for it first): the first screen is
// then the home screen, rendered once, not a loading screen and a second render.
void firstHome.then(async (home) => {
  if (home) await applyLanguage(i18n, home.language);
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StationContext.Provider value={station}>
          <App initialHome={home} />
          <OnMounted run={afterFirstScreen} />
        </StationContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
});

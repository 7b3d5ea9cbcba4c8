import './styles/base.css';
import './styles/forms.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { connectStation } from './api/connect.js';
import { StationContext } from './api/context.js';
import { loadFontsAfterFirstFrame } from './styles/load-fonts.js';
import { applyLanguage, createI18n } from './i18n/index.js';

// The composition root: pick the transport, set up i18n, render.
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
const station = connectStation(window);
const i18n = createI18n();
document.title = i18n.t('app.title');
// Ask for the home view first and render once it is here: the first screen is then the home
// screen, rendered once, not a loading screen and a second render. If the station is slow to
// answer, render anyway (App shows "connecting" and loads the view itself).
const FIRST_HOME_WAIT_MS = 1500;
const firstHome = Promise.race([
  station.api.getHome({}),
  new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), FIRST_HOME_WAIT_MS)),
]).catch(() => undefined);

void firstHome.then(async (home) => {
  if (home) await applyLanguage(i18n, home.language);
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StationContext.Provider value={station}>
          <App initialHome={home} />
        </StationContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
  loadFontsAfterFirstFrame();
});

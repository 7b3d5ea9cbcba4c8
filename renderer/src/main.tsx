import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { connectStation } from './api/connect.js';
import { StationContext } from './api/context.js';
import { createI18n } from './i18n/index.js';

// The composition root: pick the transport, set up i18n, render.
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
const station = connectStation(window);
const i18n = createI18n();
document.title = i18n.t('app.title');
// Ask for the home view now, while React and the fonts load, not after the first render: on a
// slow terminal this round-trip is a large part of the time to a usable screen.
const firstHome = station.api.getHome({});
firstHome.catch(() => undefined); // App reports the failure; don't let it count as unhandled.

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <StationContext.Provider value={station}>
        <App firstHome={firstHome} />
      </StationContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);

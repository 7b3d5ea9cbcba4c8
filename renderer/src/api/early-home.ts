import type { HomeView } from '../../../common/contract.js';
import { FIRST_HOME_ELEMENT_ID } from '../../../common/transport.js';
import { connectStation } from './connect.js';

/**
 * The kiosk's first question, answered before anything else in the bundle runs. Opened from the
 * station's launch URL, the page already carries the home view (a JSON data block the loopback
 * server puts into index.html, see station/http/ui-files.ts), so the first screen needs no round
 * trip. Otherwise (Electron, or a reload) main.tsx imports this module first, so the request is on
 * its way while React and i18next are still being evaluated. If the station is slow, `firstHome`
 * settles empty after a while and App loads the view itself.
 */
const FIRST_HOME_WAIT_MS = 1500;

export const station = connectStation(window);

/** The home view the page was served with, read once and removed (it goes stale). */
function takeEmbeddedHome(doc: Document): HomeView | undefined {
  const block = doc.getElementById(FIRST_HOME_ELEMENT_ID);
  if (!block) return undefined;
  block.remove();
  try {
    return JSON.parse(block.textContent ?? '') as HomeView;
  } catch {
    return undefined;
  }
}

const embedded = takeEmbeddedHome(document);

export const firstHome: Promise<HomeView | undefined> = embedded
  ? Promise.resolve(embedded)
  : Promise.race([
      station.api.getHome({}),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), FIRST_HOME_WAIT_MS)),
    ]).catch(() => undefined);

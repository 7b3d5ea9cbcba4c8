import type { HomeView } from '../../../common/contract.js';
import { connectStation } from './connect.js';

/**
 * The kiosk's first question, asked before anything else in the bundle runs: main.tsx imports
 * this module first, so the request is on its way while React and i18next are still being
 * evaluated (on a slow terminal that takes longer than the station takes to answer).
 * If the station is slow, `firstHome` settles empty after a while and App loads the view itself.
 */
const FIRST_HOME_WAIT_MS = 1500;

export const station = connectStation(window);

export const firstHome: Promise<HomeView | undefined> = Promise.race([
  station.api.getHome({}),
  new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), FIRST_HOME_WAIT_MS)),
]).catch(() => undefined);

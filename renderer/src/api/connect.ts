import type { StationApi } from '../../../common/contract.js';
import { createHttpApi } from './http.js';
import { createIpcApi, type StationGlobal } from './ipc.js';
import { electronMediaUrl, httpMediaUrl, takeLaunchToken, TOKEN_STORAGE_KEY } from './launch.js';

export interface StationConnection {
  api: StationApi;
  transport: 'ipc' | 'http';
  /** URL for a file under the station's media root, usable as <video src>. */
  mediaUrl: (path: string) => string;
  /** Housekeeping the connection leaves until the first screen is drawn (main.tsx runs it then). */
  afterFirstScreen?: () => void;
}

/**
 * Picks the transport: Electron's preload bridge when it is there, else loopback HTTP with the
 * launch token. Called once, from main.tsx.
 */
export function connectStation(win: Window & { station?: StationGlobal }): StationConnection {
  const bridge = win.station;
  if (bridge) {
    return {
      api: createIpcApi(bridge.api),
      transport: 'ipc',
      mediaUrl: (path) => electronMediaUrl(bridge.mediaBase, path),
    };
  }
  const { token, cleanUrl } = takeLaunchToken(win.location.href, () =>
    win.sessionStorage.getItem(TOKEN_STORAGE_KEY),
  );
  let afterFirstScreen: (() => void) | undefined;
  if (cleanUrl !== null && token) {
    // Kept for a reload and taken out of the address once the first screen is drawn: both touch
    // the browser process (storage, history), a few ms the first screen should not wait for.
    afterFirstScreen = () => {
      win.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
      win.history.replaceState(win.history.state, '', cleanUrl);
    };
  }
  // Without a token every call is refused with the station's own 401 sentence, which the UI shows.
  const launchToken = token ?? '';
  return {
    api: createHttpApi(win.location.origin, launchToken),
    transport: 'http',
    mediaUrl: (path) => httpMediaUrl(launchToken, path),
    afterFirstScreen,
  };
}

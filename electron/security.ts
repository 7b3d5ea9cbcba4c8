/**
 * The Electron shell's guards. Each rule is a pure function with a table of cases in
 * security.test.ts; the functions that touch Electron objects only wire those rules to events.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../common/csp.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The kiosk's policy, sent as a response header (the renderer's index.html carries the same policy
 * in a <meta>; a browser enforces both, so the stricter of the two wins for each directive).
 *
 * - style-src has no 'unsafe-inline': React's `style` prop writes through the CSSOM, which CSP does
 *   not govern, and video.js's injected <style> is switched off with VIDEOJS_NO_DYNAMIC_STYLE in
 *   favour of its stylesheet. So nothing we ship needs inline styles.
 * - font-src allows data: because video.js's stylesheet embeds its icon font as a data: URI.
 * - media-src allows blob: for Media Source playback (video.js VHS), as the renderer's policy does.
 * - media: is the station's media protocol (media-protocol.ts); it is not CSP-bypassing.
 * - frame-ancestors only works as a header, which is one reason this header exists at all.
 */
export { CONTENT_SECURITY_POLICY };

// Encoded dots and slashes, backslashes and dot segments have no business in a URL the kiosk
// produces itself; refusing them outright leaves no room for a parser disagreement between this
// check and Chromium's own URL handling.
const SUSPICIOUS = /%2e|%2f|%5c|\\|(^|\/)\.\.?(\/|$|\?|#)/i;

// The URL parser silently drops tabs and newlines ("java\nscript:"); refuse them instead.
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** True only for URLs of the kiosk's own bundle: app://kiosk/… with no credentials or port. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url === '' || SUSPICIOUS.test(url) || hasControlCharacters(url)) {
    return false;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    // `host` includes any port, so app://kiosk:80/ is refused here too.
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.pathname.startsWith('/')
  );
}

/** The kiosk never leaves its own bundle: no web pages, no files, no javascript: or data: URLs. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** An IPC message is honoured only from a frame showing the kiosk's own bundle. */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return isAppUrl(frameUrl);
}

/** The renderer gets no Node, no relaxed web security, and a sandboxed, isolated preload. */
export function webPreferencesFor(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // A file dropped on the screen (a USB stick's contents in a file manager) must not replace
    // the kiosk page.
    navigateOnDragDrop: false,
    spellcheck: false,
    // Course videos start with sound at session time; no one is there to click "play". The
    // command-line switch in main.ts says the same for the whole app; this is the per-window
    // setting Electron documents for it.
    autoplayPolicy: 'no-user-gesture-required',
  };
}

/** Every permission (camera, microphone, notifications, geolocation, USB, …) is refused. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Wires the guards to one web contents. Called for every web contents Electron creates (main.ts
 * listens to 'web-contents-created'), so a window we did not expect is just as locked down.
 */
export function hardenWebContents(contents: WebContents): void {
  const refuseForeign = (event: { url: string; preventDefault(): void }): void => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  // will-navigate covers the main frame only; subframes and server redirects are separate events.
  contents.on('will-frame-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  denyAllPermissions(contents.session);
}

type Headers = Record<string, string[]>;

/** Response headers with any policy the response brought replaced by the kiosk's own. */
export function withCsp(headers: Headers | undefined): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

/** Adds the policy to every response the session receives. */
export function applyCsp(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}

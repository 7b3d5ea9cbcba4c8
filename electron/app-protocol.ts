/**
 * The `app:` scheme serves the built kiosk UI (dist/renderer) to the Electron window. A privileged
 * standard scheme instead of file:// gives the page a real origin (app://kiosk) for CSP 'self',
 * fetch and the IPC sender check, and keeps the rest of the disk out of the page's reach.
 */
import type { CustomScheme, Protocol } from 'electron';
import { SECURITY_HEADERS, serveUiFile } from '../station/http/ui-files.js';
import { APP_HOST, APP_SCHEME } from './security.js';

export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // codeCache lets V8 reuse compiled bundles across launches: a faster cold start on slow boxes.
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * Answers one app://kiosk/… request from `uiDir`. Paths without an extension get index.html (the
 * UI routes itself, as over loopback HTTP); anything outside `uiDir`, on another host, or not a
 * file is 404.
 */
export async function serveAppFile(request: Request, uiDir: string): Promise<Response> {
  const url = new URL(request.url);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return new Response('not found', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
    });
  }
  return serveUiFile(request, uiDir);
}

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, uiDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppFile(request, uiDir));
}

/**
 * The `media:` scheme plays course files from the station's content cache in the Electron window,
 * through the very function the loopback server's /media/ route uses (station/http/media.ts), so
 * Range requests, 416s and path containment behave the same in both shells.
 */
import type { CustomScheme, Protocol } from 'electron';
import { serveMedia, type MediaRoot } from '../station/http/media.js';

export const MEDIA_SCHEME = 'media';
/** media://local/<path>: the renderer builds these from the preload's `mediaBase`. */
export const MEDIA_HOST = 'local';

export const MEDIA_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: MEDIA_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    // Lets Chromium read the response as a stream, so a video can start (and seek) before the
    // whole file has been read.
    stream: true,
    supportFetchAPI: true,
    // The page's CSP names media: explicitly; the scheme gets no exemption from it.
    bypassCSP: false,
  },
};

export async function handleMediaRequest(
  request: Request,
  mediaRoot: MediaRoot,
): Promise<Response> {
  if (new URL(request.url).host !== MEDIA_HOST) {
    return new Response('not found', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return serveMedia(request, mediaRoot);
}

export function registerMediaProtocol(
  protocol: Pick<Protocol, 'handle'>,
  mediaRoot: MediaRoot,
): void {
  protocol.handle(MEDIA_SCHEME, (request) => handleMediaRequest(request, mediaRoot));
}

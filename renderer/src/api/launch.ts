import { TOKEN_QUERY } from '../../../common/transport.js';

export const TOKEN_STORAGE_KEY = 'station.launchToken';

/**
 * The launch URL printed by `station serve` carries the token as `?token=`. Keep it for the tab's
 * life (a reload must still work) and take it out of the address, where it would otherwise show
 * on screen and end up in bookmarks and history. `stored` reads the tab's copy; it is only asked
 * when the URL has none (the first touch of sessionStorage costs a cold kiosk a few ms).
 */
export function takeLaunchToken(
  href: string,
  stored: () => string | null,
): { token: string | null; cleanUrl: string | null } {
  const url = new URL(href);
  const fromUrl = url.searchParams.get(TOKEN_QUERY);
  if (!fromUrl) return { token: stored(), cleanUrl: null };
  url.searchParams.delete(TOKEN_QUERY);
  return { token: fromUrl, cleanUrl: url.pathname + url.search + url.hash };
}

function encodeMediaPath(path: string): string {
  return path
    .replace(/^\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** `media://local/<path>` under Electron (mediaBase from the preload). */
export function electronMediaUrl(mediaBase: string, path: string): string {
  return mediaBase + encodeMediaPath(path);
}

/** `/media/<path>?token=…` over loopback HTTP: a <video> element cannot send the token header. */
export function httpMediaUrl(token: string, path: string): string {
  return `/media/${encodeMediaPath(path)}?${TOKEN_QUERY}=${encodeURIComponent(token)}`;
}

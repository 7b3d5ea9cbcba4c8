/**
 * The `app:` scheme serves the built kiosk UI (dist/renderer) to the Electron window. A privileged
 * standard scheme instead of file:// gives the page a real origin (app://kiosk) for CSP 'self',
 * fetch and the IPC sender check, and keeps the rest of the disk out of the page's reach.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { containedPath } from '../station/http/media.js';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.js';

export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // codeCache lets V8 reuse compiled bundles across launches: a faster cold start on slow boxes.
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.vtt': 'text/vtt; charset=utf-8',
};

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function notFound(status = 404, text = 'not found'): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
  });
}

/**
 * Answers one app://kiosk/… request from `uiDir`. Paths without an extension get index.html (the
 * UI routes itself, as over loopback HTTP); anything outside `uiDir`, on another host, or not a
 * file is 404.
 */
export async function serveAppFile(request: Request, uiDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(405, 'not allowed');
  const url = new URL(request.url);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  } catch {
    return notFound();
  }
  if (rel.includes('\0') || rel.includes('\\')) return notFound();
  if (rel === '' || !path.extname(rel)) rel = 'index.html';
  const file = containedPath(uiDir, rel);
  if (!file) return notFound();
  let body: Buffer;
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) return notFound();
    body = await fs.promises.readFile(file);
  } catch {
    return notFound();
  }
  const headers = {
    'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(body.length),
    ...SECURITY_HEADERS,
  };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers,
  });
}

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, uiDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppFile(request, uiDir));
}

import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CONTENT_SECURITY_POLICY } from '../../common/csp.js';
import { FIRST_HOME_ELEMENT_ID } from '../../common/transport.js';
import { contentTypeOf } from './content-types.js';
import { containedPath } from './media.js';

/** Sent with every answer of both shells: the one CSP, and nothing leaking out of the kiosk. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // The launch token travels in the kiosk URL; never let it leave in a Referer.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * A UI file's answer, whichever shell sends it: the loopback server writes it straight to the
 * socket (a cold start waits on every one of these), Electron's `app:` protocol wraps it in a
 * web Response (serveUiFile).
 */
export interface UiAnswer {
  status: number;
  headers: Record<string, string>;
  /** The whole body; null with `stream` for a large file, or for HEAD and empty answers. */
  body: Buffer<ArrayBuffer> | null;
  /** Opens the body of a file too large to read whole. */
  stream?: () => fs.ReadStream;
}

function plain(status: number, text: string, extra: Record<string, string> = {}): UiAnswer {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS, ...extra },
    body: Buffer.from(text),
  };
}

/** UI files up to this size are read whole (every script and stylesheet of the kiosk is). */
const WHOLE_FILE_MAX = 2 * 1024 * 1024;

/**
 * The built kiosk UI for both shells. Paths without an extension get index.html (the UI routes
 * itself); hashed assets are cached for good, index.html never; nothing outside `uiDir` is
 * reachable. `firstHome`, when given, is put into index.html (see pageWithData).
 */
export async function answerUiFile(
  pathname: string,
  method: string,
  uiDir: string,
  firstHome?: () => Promise<unknown>,
): Promise<UiAnswer> {
  if (method !== 'GET' && method !== 'HEAD') {
    return plain(405, 'method not allowed', { allow: 'GET, HEAD' });
  }
  let rel: string;
  try {
    rel = decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return plain(404, 'not found');
  }
  if (rel.includes('\0') || rel.includes('\\')) return plain(404, 'not found');
  if (rel === '' || !path.extname(rel)) rel = 'index.html';
  const file = containedPath(uiDir, rel);
  if (!file) return plain(404, 'not found');
  let size: number;
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) return plain(404, 'not found');
    size = stat.size;
  } catch {
    return plain(404, 'not found');
  }
  if (firstHome && path.basename(file) === 'index.html' && method === 'GET') {
    return pageWithData(file, await firstHome());
  }
  const headers = {
    'content-type': contentTypeOf(file),
    'content-length': String(size),
    'cache-control':
      path.basename(file) === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable',
    ...SECURITY_HEADERS,
  };
  if (method === 'HEAD' || size === 0) return { status: 200, headers, body: null };
  // The kiosk's own files are small: read whole, they leave as one write with their length.
  if (size <= WHOLE_FILE_MAX) {
    return { status: 200, headers, body: await fs.promises.readFile(file) };
  }
  return { status: 200, headers, body: null, stream: () => fs.createReadStream(file) };
}

/** answerUiFile for a web Request, answered with a web Response (Electron's `app:` protocol). */
export async function serveUiFile(
  request: Request,
  uiDir: string,
  firstHome?: () => Promise<unknown>,
): Promise<Response> {
  const answer = await answerUiFile(
    new URL(request.url).pathname,
    request.method,
    uiDir,
    firstHome,
  );
  const body = answer.stream
    ? (Readable.toWeb(answer.stream()) as ReadableStream<Uint8Array>)
    : answer.body;
  return new Response(body, { status: answer.status, headers: answer.headers });
}

/**
 * index.html with the home view already inside, as a JSON data block: the kiosk then draws its
 * first screen without a round trip to the station after the script has loaded. A data block is
 * not executed, so the page's CSP (no inline scripts) holds; `<` is escaped so no value can close
 * the element.
 */
async function pageWithData(file: string, data: unknown): Promise<UiAnswer> {
  const html = await fs.promises.readFile(file, 'utf8');
  const block =
    data === undefined
      ? ''
      : `<script type="application/json" id="${FIRST_HOME_ELEMENT_ID}">` +
        JSON.stringify(data).replaceAll('<', '\\u003c') +
        '</script>';
  // A replacer function: a `$&` or `$'` in a village's name is text, not a replacement pattern.
  const body = Buffer.from(
    html.includes('</head>') ? html.replace('</head>', () => `${block}</head>`) : html + block,
  );
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(body.length),
      'cache-control': 'no-store',
      ...SECURITY_HEADERS,
    },
    body,
  };
}

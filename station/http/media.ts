import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { contentTypeOf } from './content-types.js';

/**
 * One media handler for both shells: the Electron `media:` protocol and the loopback `/media/`
 * route hand it a web Request and send back its Response. Range support is what makes seeking in
 * a multi-GB course instant; containment keeps every request inside the content directory.
 */

export type ByteRange = { start: number; end: number }; // inclusive

/**
 * Parses a `Range` header against a file size. Returns null when there is no usable single range
 * (no header, or several ranges: the whole file is then sent), 'unsatisfiable' for a range that
 * is malformed or lies outside the file.
 */
export function parseRange(
  header: string | null,
  size: number,
): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(.+)$/.exec(header.trim());
  if (!m || !m[1]) return 'unsatisfiable';
  const specs = m[1].split(',');
  if (specs.length > 1) return null;
  const spec = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(specs[0] ?? '');
  if (!spec) return 'unsatisfiable';
  const [, a = '', b = ''] = spec;
  if (a === '' && b === '') return 'unsatisfiable';
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || (b !== '' && Number(b) < start)) return 'unsatisfiable';
  return { start, end };
}

/** The path a media URL names, relative to the media root, or null when it cannot be one. */
export function mediaPathOf(url: URL): string | null {
  let pathname = url.pathname;
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (!pathname.startsWith('/media/')) return null;
    pathname = pathname.slice('/media'.length);
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = decoded.replace(/^\/+/, '');
  return rel === '' ? null : rel;
}

/** Resolves `rel` under `root`, or null when it would escape it (`..`, absolute, symlinks out). */
export function containedPath(root: string, rel: string): string | null {
  const base = path.resolve(root);
  const full = path.resolve(base, rel);
  const inside = (p: string, b: string) => {
    const r = path.relative(b, p);
    return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
  };
  if (!inside(full, base)) return null;
  try {
    const real = fs.realpathSync(full);
    if (!inside(real, fs.realpathSync(base))) return null;
    return real;
  } catch {
    return full; // does not exist: the caller answers 404
  }
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...extra },
  });
}

/**
 * What media URLs resolve into: a directory (every file under it is servable), or a resolver that
 * maps a media path to a file it vouches for (the verified content cache), null for anything else.
 */
export type MediaRoot = string | ((mediaPath: string) => string | null);

export async function serveMedia(request: Request, root: MediaRoot): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return plain(405, 'method not allowed', { allow: 'GET, HEAD' });
  }
  const rel = mediaPathOf(new URL(request.url));
  const file =
    rel === null ? null : typeof root === 'string' ? containedPath(root, rel) : root(rel);
  if (!file || rel === null) return plain(404, 'not found');
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    return plain(404, 'not found');
  }
  if (!stat.isFile()) return plain(404, 'not found');

  const size = stat.size;
  const etag = `"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'accept-ranges': 'bytes',
    // From the media path: cache objects are named by hash and carry no extension.
    'content-type': contentTypeOf(rel),
    etag,
    'last-modified': stat.mtime.toUTCString(),
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };

  let range = parseRange(request.headers.get('range'), size);
  // If-Range: only honour the range when the client's copy is still the file we have.
  const ifRange = request.headers.get('if-range');
  if (range && ifRange && ifRange !== etag && ifRange !== headers['last-modified']) range = null;
  if (range === 'unsatisfiable') {
    return plain(416, 'range not satisfiable', { 'content-range': `bytes */${size}` });
  }

  const status = range ? 206 : 200;
  const start = range ? range.start : 0;
  const end = range ? range.end : size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  headers['content-length'] = String(length);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;

  if (request.method === 'HEAD' || length === 0) {
    return new Response(null, { status, headers });
  }
  const stream = fs.createReadStream(file, { start, end, highWaterMark: 256 * 1024 });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
}

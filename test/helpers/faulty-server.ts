import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A static file server on 127.0.0.1 that misbehaves on request, for the content sync fault tests
 * and benchmarks. It serves a directory with ETag, Last-Modified and single-range support, and
 * each request for a path takes the next fault queued for it (none queued: it behaves).
 */
export type Fault =
  /** Sends this many body bytes, then resets the connection. */
  | { kind: 'cut'; atByte: number }
  /** Flips one byte of the body at this offset of the file. */
  | { kind: 'corrupt'; atByte: number }
  /** Serves only the first bytes, with an honest Content-Length: the server's copy is short. */
  | { kind: 'truncate'; toBytes: number }
  | { kind: 'status'; code: number }
  /** Ignores Range: always 200 with the whole file. */
  | { kind: 'noRange' }
  /** Sends this many body bytes, then nothing more, keeping the connection open. */
  | { kind: 'stall'; atByte: number }
  /** Sends this many body bytes, then closes the connection cleanly (FIN): a short body. */
  | { kind: 'close'; atByte: number }
  /** Answers 302 with this Location. */
  | { kind: 'redirect'; location: string }
  /** Sends the body chunked, without Content-Length. */
  | { kind: 'chunked' }
  /** Runs `run` once this many body bytes have been sent, then goes on. */
  | { kind: 'hook'; atByte: number; run: () => void };

export interface RequestRecord {
  path: string;
  range: string | null;
  ifRange: string | null;
  status: number;
  bodyBytes: number;
}

export interface FaultyServer {
  url: string;
  port: number;
  /** Faults per URL path (e.g. '/c1/video.mp4'), taken one per request. */
  faults: Map<string, Fault[]>;
  /** Ignore Range on every request (a server without Range support). */
  ignoreRange: boolean;
  requests: RequestRecord[];
  close(): Promise<void>;
}

const CHUNK = 256 * 1024;

export async function startFaultyServer(root: string): Promise<FaultyServer> {
  const state: FaultyServer = {
    url: '',
    port: 0,
    faults: new Map(),
    ignoreRange: false,
    requests: [],
    close: async () => {},
  };
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const record: RequestRecord = {
      path: urlPath,
      range: req.headers.range ?? null,
      ifRange: (req.headers['if-range'] as string | undefined) ?? null,
      status: 0,
      bodyBytes: 0,
    };
    state.requests.push(record);
    const fault = state.faults.get(urlPath)?.shift();
    const file = path.join(root, ...urlPath.split('/').filter(Boolean));
    if (fault?.kind === 'redirect') {
      record.status = 302;
      res.writeHead(302, { location: fault.location }).end();
      return;
    }
    if (fault?.kind === 'status') {
      record.status = fault.code;
      res.writeHead(fault.code).end('failure on request');
      return;
    }
    let stat: fs.Stats;
    let fd: number;
    try {
      stat = fs.statSync(file);
      if (!stat.isFile()) throw new Error('dir');
      fd = fs.openSync(file, 'r');
    } catch {
      record.status = 404;
      res.writeHead(404).end('not found');
      return;
    }
    res.on('close', () => fs.closeSync(fd));
    const size = fault?.kind === 'truncate' ? Math.min(fault.toBytes, stat.size) : stat.size;
    const data = { length: size };
    const etag = `"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = {
      etag,
      'last-modified': stat.mtime.toUTCString(),
      'content-type': 'application/octet-stream',
    };
    let start = 0;
    let end = data.length - 1;
    let status = 200;
    const rangeAllowed = !state.ignoreRange && fault?.kind !== 'noRange';
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    if (rangeAllowed) headers['accept-ranges'] = 'bytes';
    if (
      rangeAllowed &&
      m &&
      (!ifRange || ifRange === etag || ifRange === headers['last-modified'])
    ) {
      start = Number(m[1]);
      end = m[2] ? Math.min(Number(m[2]), data.length - 1) : data.length - 1;
      if (start >= data.length) {
        record.status = 416;
        res.writeHead(416, { 'content-range': `bytes */${data.length}` }).end();
        return;
      }
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${data.length}`;
    }
    if (fault?.kind !== 'chunked') headers['content-length'] = String(end - start + 1);
    record.status = status;
    res.writeHead(status, headers);
    let pos = start;
    let hooked = false;
    const pump = () => {
      while (pos <= end) {
        if (fault?.kind === 'hook' && !hooked && pos - start >= fault.atByte) {
          hooked = true;
          fault.run();
        }
        const stopAt =
          fault?.kind === 'cut' || fault?.kind === 'stall' || fault?.kind === 'close'
            ? start + fault.atByte
            : Infinity;
        if (pos >= stopAt) {
          // Let what was sent arrive, then drop the connection (an RST, as a failing link does).
          if (fault?.kind === 'cut') setTimeout(() => res.socket?.resetAndDestroy(), 50);
          if (fault?.kind === 'close') res.socket?.end();
          return; // stall: keep the connection open, send nothing more
        }
        const next = Math.min(end + 1, pos + CHUNK, stopAt);
        let chunk = Buffer.allocUnsafe(next - pos);
        fs.readSync(fd, chunk, 0, chunk.length, pos);
        if (fault?.kind === 'corrupt' && fault.atByte >= pos && fault.atByte < next) {
          chunk = Buffer.from(chunk);
          chunk[fault.atByte - pos] = chunk[fault.atByte - pos]! ^ 0xff;
        }
        record.bodyBytes += chunk.length;
        pos = next;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    if (req.method === 'HEAD') res.end();
    else pump();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  state.url = `http://127.0.0.1:${port}/`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}

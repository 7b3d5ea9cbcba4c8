import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  HashTap,
  IO_CHUNK,
  LongerThanClaimed,
  paceDelay,
  Stalled,
  SYNC_EVERY,
  syncDir,
} from './files.js';
import { HashWorker } from './hash-worker.js';
import { openDirect, rawGet, type RawResponse } from './raw-http.js';

/**
 * One file from an HTTP server into the verified cache: appended to `<sha256>.part` (resumed with
 * Range + If-Range), hashed as it streams, fsynced, and renamed into `objects/` only when size and
 * SHA-256 match the manifest. Nothing else ever writes into `objects/` from the network.
 */

export interface DownloadTarget {
  url: URL;
  sha256: string;
  size: number;
  partFile: string;
  objectFile: string;
}

export interface DownloadOptions {
  /** The validator (ETag or Last-Modified) the partial file was fetched under, if any. */
  validator: string | null;
  /** Called when a response gives the partial file a (new) validator. */
  onValidator(validator: string | null): void;
  /** Called with the number of bytes of this file now on disk (partial or complete). */
  onBytes(bytesOnDisk: number): void;
  stallMs: number;
  /** Bytes per second; 0 = no cap. */
  bandwidth: number;
}

/** 'verified': in the cache. 'retry': failed, partial kept. 'corrupt': bytes wrong, partial removed. */
export type DownloadOutcome =
  | { result: 'verified'; fetchedBytes: number }
  | { result: 'retry' | 'corrupt'; reason: string; fetchedBytes: number };

/** A HashTap that also reports and (optionally) paces bytes as they stream to the partial file. */
class Meter extends HashTap {
  private readonly started = Date.now();
  constructor(
    hash: crypto.Hash,
    remaining: number,
    private readonly bandwidth: number,
    private readonly onChunk: (n: number) => void,
  ) {
    super(remaining, hash);
  }
  override _transform(chunk: Buffer, enc: BufferEncoding, done: TransformCallback): void {
    super._transform(chunk, enc, (err) => {
      if (err) return done(err);
      this.onChunk(chunk.length);
      const wait = paceDelay(this.started, this.bytes, this.bandwidth);
      if (wait > 0) setTimeout(() => done(null, chunk), wait);
      else done(null, chunk);
    });
  }
}

/**
 * Appends to an open file descriptor with vectored writes, and starts an fdatasync in the
 * background every SYNC_EVERY bytes: dirty pages are written back while the download goes on,
 * so the final fsync is short and a small terminal's memory does not fill with a GB of them.
 */
class PartWriter extends Writable {
  private sinceSync = 0;
  private syncing: Promise<void> | null = null;
  private writing: Promise<void> | null = null;
  constructor(private readonly fd: number) {
    super({ highWaterMark: IO_CHUNK });
  }
  /**
   * Resolves once no write or sync is in flight on the descriptor: only then may the caller
   * close it (a late write into a closed, reused descriptor would land in some other file).
   */
  async idle(): Promise<void> {
    while (this.writing || this.syncing) await (this.writing ?? this.syncing);
  }
  private writeAll(buffers: Buffer[], done: (err?: Error | null) => void): void {
    let settle: () => void = () => {};
    this.writing = new Promise((resolve) => (settle = resolve));
    const finish = (err?: Error | null) => {
      this.writing = null;
      settle();
      done(err);
    };
    this.writeSome(buffers, finish);
  }
  private writeSome(buffers: Buffer[], done: (err?: Error | null) => void): void {
    fs.writev(this.fd, buffers, (err, written) => {
      if (err) return done(err);
      this.sinceSync += written;
      let left = written;
      const rest: Buffer[] = [];
      for (const b of buffers) {
        if (left >= b.length) left -= b.length;
        else {
          rest.push(b.subarray(left));
          left = 0;
        }
      }
      if (rest.length > 0) return this.writeSome(rest, done); // a short write: go on
      if (this.sinceSync >= SYNC_EVERY && !this.syncing) {
        this.sinceSync = 0;
        this.syncing = new Promise((resolve) =>
          fs.fdatasync(this.fd, () => {
            this.syncing = null;
            resolve();
          }),
        );
      }
      done();
    });
  }
  override _writev(chunks: { chunk: Buffer }[], done: (err?: Error | null) => void): void {
    this.writeAll(
      chunks.map((c) => c.chunk),
      done,
    );
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.writeAll([chunk], done);
  }
  override _final(done: (err?: Error | null) => void): void {
    void (this.syncing ?? Promise.resolve()).then(() => done());
  }
}

/** A GET that follows a few redirects and cuts a connection that stays silent for `stallMs`. */
function httpGet(
  url: URL,
  headers: Record<string, string>,
  stallMs: number,
  redirects = 5,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
    if (!lib) {
      reject(new Error(`unsupported URL ${url.href}`));
      return;
    }
    const req = lib.get(url, { headers }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location && redirects > 0) {
        res.resume();
        httpGet(new URL(location, url), headers, stallMs, redirects - 1).then(resolve, reject);
        return;
      }
      resolve(res);
    });
    // The socket timeout covers connecting, waiting for headers and every gap in the body.
    req.setTimeout(stallMs, () => req.destroy(new Stalled(stallMs)));
    req.on('error', reject);
  });
}

async function hashExisting(file: string, bytes: number): Promise<crypto.Hash> {
  const hash = crypto.createHash('sha256');
  if (bytes === 0) return hash;
  for await (const chunk of fs.createReadStream(file, {
    start: 0,
    end: bytes - 1,
    highWaterMark: IO_CHUNK,
  })) {
    hash.update(chunk as Buffer);
  }
  return hash;
}

function finalize(t: DownloadTarget, sha256: string, total: number): boolean {
  if (total !== t.size || sha256 !== t.sha256) return false;
  fs.mkdirSync(path.dirname(t.objectFile), { recursive: true });
  fs.renameSync(t.partFile, t.objectFile);
  syncDir(path.dirname(t.objectFile));
  return true;
}

/**
 * Below this many bytes to fetch, node:http: the fast path starts a hash worker thread per
 * attempt (~25 ms), more than a subtitle or a short remainder takes to arrive, and its gain (no
 * garbage per socket read) only shows on large bodies.
 */
const RAW_MIN_BYTES = 1024 * 1024;

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** One attempt at one file. Never throws for network or data faults: the outcome says what to do. */
export async function downloadOnce(
  t: DownloadTarget,
  o: DownloadOptions,
): Promise<DownloadOutcome> {
  fs.mkdirSync(path.dirname(t.partFile), { recursive: true });
  let have = sizeOf(t.partFile);
  if (have > t.size) {
    fs.rmSync(t.partFile, { force: true });
    have = 0;
  }
  if (have === t.size) {
    // A previous run got every byte but stopped before the rename: check and finish it.
    if (finalize(t, (await hashExisting(t.partFile, have)).digest('hex'), have)) {
      return { result: 'verified', fetchedBytes: 0 };
    }
    fs.rmSync(t.partFile, { force: true });
    have = 0;
  }
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (have > 0) {
    headers.range = `bytes=${have}-`;
    if (o.validator) headers['if-range'] = o.validator;
  }
  // Plain http with at least RAW_MIN_BYTES to come: the fast path (raw-http.ts); it leaves
  // redirects and bodies without a Content-Length to node:http, which is also the path for https
  // and for small files.
  let raw: RawResponse | null = null;
  let res: http.IncomingMessage | null = null;
  try {
    if (t.url.protocol === 'http:' && t.size - have >= RAW_MIN_BYTES) {
      raw = await rawGet(t.url, headers, o.stallMs);
      const redirect = raw.status >= 300 && raw.status < 400;
      const body = raw.status === 200 || raw.status === 206;
      if (redirect || (body && (raw.headers['transfer-encoding'] || raw.contentLength === null))) {
        raw.close();
        raw = null;
      }
    }
    if (!raw) res = await httpGet(t.url, headers, o.stallMs);
  } catch (err) {
    return { result: 'retry', reason: describe(err), fetchedBytes: 0 };
  }
  const status = raw ? raw.status : (res!.statusCode ?? 0);
  const header = (name: string): string | undefined => {
    const v = raw ? raw.headers[name] : res!.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const discard = () => (raw ? raw.close() : res!.resume());
  let start: number;
  if (status === 206 && have > 0) {
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header('content-range') ?? '');
    if (!m || Number(m[1]) !== have) {
      discard();
      fs.rmSync(t.partFile, { force: true });
      return {
        result: 'retry',
        reason: `unexpected Content-Range ${header('content-range') ?? ''}`,
        fetchedBytes: 0,
      };
    }
    if (m[3] !== '*' && Number(m[3]) !== t.size) {
      discard();
      fs.rmSync(t.partFile, { force: true });
      return {
        result: 'corrupt',
        reason: `server has ${m[3]} bytes, manifest says ${t.size}`,
        fetchedBytes: 0,
      };
    }
    start = have;
  } else if (status === 200) {
    start = 0; // no Range support, or If-Range said the file changed: from zero
    const length = header('content-length');
    if (length !== undefined && Number(length) !== t.size) {
      discard();
      return {
        result: 'corrupt',
        reason: `server has ${length} bytes, manifest says ${t.size}`,
        fetchedBytes: 0,
      };
    }
  } else if (status === 416) {
    discard();
    fs.rmSync(t.partFile, { force: true });
    return { result: 'retry', reason: 'HTTP 416', fetchedBytes: 0 };
  } else {
    discard();
    return { result: 'retry', reason: `HTTP ${status}`, fetchedBytes: 0 };
  }
  const etag = header('etag');
  o.onValidator((etag && !etag.startsWith('W/') ? etag : null) ?? header('last-modified') ?? null);

  let failure: unknown = null;
  let fetched = 0;
  let sha256: string | null = null;
  if (raw) {
    if ((raw.contentLength ?? 0) > t.size - start) {
      raw.close();
      fs.rmSync(t.partFile, { force: true });
      return { result: 'corrupt', reason: 'body longer than the manifest says', fetchedBytes: 0 };
    }
    const fd = fs.openSync(t.partFile, start === 0 ? 'w' : 'r+');
    const direct = openDirect(t.partFile);
    const hasher = new HashWorker();
    try {
      fs.ftruncateSync(fd, start);
      // The worker hashes the bytes already on disk first (its messages are handled in order)
      // while the body starts to arrive.
      const prefix = hasher.file(t.partFile, start);
      prefix.catch(() => {}); // awaited below, after the body
      const r = await raw.drain({
        fd,
        direct,
        position: start,
        hasher,
        bandwidth: o.bandwidth,
        onBytes: o.onBytes,
      });
      failure = r.error;
      fetched = r.bytes;
      fs.fsyncSync(fd);
      await prefix;
      if (!failure) sha256 = await hasher.digest();
    } catch (err) {
      failure ??= err;
    } finally {
      fs.closeSync(fd);
      if (direct !== null) fs.closeSync(direct);
      raw.close();
      await hasher.close();
    }
  } else {
    const hash = await hashExisting(t.partFile, start);
    let onDisk = start;
    const meter = new Meter(hash, t.size - start, o.bandwidth, (n) => {
      onDisk += n;
      o.onBytes(onDisk);
    });
    const fd = fs.openSync(t.partFile, start === 0 ? 'w' : 'a');
    const writer = new PartWriter(fd);
    try {
      await pipeline(res!, meter, writer);
    } catch (err) {
      failure = err;
    }
    await writer.idle();
    try {
      fs.fsyncSync(fd); // keep what arrived: the next attempt resumes after it
    } catch {
      // a full disk can refuse the sync too; the size and hash checks still decide
    } finally {
      fs.closeSync(fd);
    }
    fetched = meter.bytes;
    if (!failure) sha256 = hash.digest('hex');
  }
  if (failure instanceof LongerThanClaimed) {
    fs.rmSync(t.partFile, { force: true });
    return { result: 'corrupt', reason: failure.message, fetchedBytes: fetched };
  }
  const total = sizeOf(t.partFile);
  if (failure || total < t.size) {
    return {
      result: 'retry',
      reason: failure ? describe(failure) : `ended after ${total} of ${t.size} bytes`,
      fetchedBytes: fetched,
    };
  }
  if (sha256 !== null && finalize(t, sha256, total)) {
    return { result: 'verified', fetchedBytes: fetched };
  }
  fs.rmSync(t.partFile, { force: true });
  return {
    result: 'corrupt',
    reason: 'SHA-256 does not match the manifest',
    fetchedBytes: fetched,
  };
}

function describe(err: unknown): string {
  if (err instanceof Error) return (err as NodeJS.ErrnoException).code ?? err.message;
  return String(err);
}

/**
 * Fetches a small document (the manifest, its signature) whole, refusing one that runs long.
 * `onResponse` sees the response's headers as they arrive (the sync learns the time from `Date`).
 */
export async function fetchSmall(
  url: URL,
  maxBytes: number,
  stallMs: number,
  onResponse?: (res: http.IncomingMessage) => void,
): Promise<Buffer> {
  const res = await httpGet(url, { 'accept-encoding': 'identity' }, stallMs);
  if (res.statusCode !== 200) {
    res.resume();
    throw new Error(`HTTP ${res.statusCode ?? 0}`);
  }
  onResponse?.(res);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      res.destroy();
      throw new Error(`longer than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  if (!res.complete) throw new Error('connection closed early');
  return Buffer.concat(chunks);
}

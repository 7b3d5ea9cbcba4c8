import fs from 'node:fs';
import net from 'node:net';
import { paceDelay, Stalled, SYNC_EVERY } from './files.js';
import type { HashWorker } from './hash-worker.js';

/**
 * A minimal HTTP/1.1 GET over a plain TCP socket for the bulk of a course download. Node's http
 * client hands over each 64 KB socket read as a fresh Buffer, and on a GB file the garbage
 * collector then costs as much as the hashing. Here the socket reads straight into a few reused
 * 4 MB blocks of shared memory (`onread` with a buffer per read); each full block is written at
 * its offset on the thread pool and hashed on a worker thread (hash-worker.ts) while the next
 * ones arrive, so the main thread only moves bytes from the socket. Only for plain `http:` with
 * a Content-Length body; anything else (redirects, chunked bodies, https) is left to node:http by
 * the caller.
 */

const READ_BUFFER = 1024 * 1024;
const BLOCK = 4 * 1024 * 1024;
const BLOCKS = 8;
const MAX_HEAD = 64 * 1024;
/** Received bytes wait at most this long in memory before they are written (slow links). */
const PROMPT_MS = 100;
/** With the disk idle, a partly filled block is written once it holds this much. */
const MIN_WRITE = 1024 * 1024;

interface Block {
  buf: Buffer;
  /** Bytes of data in it. */
  fill: number;
  /** Bytes already handed to the disk and the hasher. */
  sent: number;
  /** Writes and hashes of it in flight. */
  users: number;
  /** Filled to the end: free again once nothing is in flight. */
  full: boolean;
}

const newBlock = () => Buffer.from(new SharedArrayBuffer(BLOCK));

export interface RawResponse {
  status: number;
  /** Lower-cased header names; the first value of each. */
  headers: Record<string, string>;
  /** Body bytes promised by Content-Length, or null when the server did not say. */
  contentLength: number | null;
  /**
   * Writes the body into `fd` from `position` on, hashing it, and resolves once every block is
   * written and hashed: with the error that stopped it, if any (the bytes that did arrive are
   * written, so a retry resumes after them). The caller fsyncs.
   */
  drain(opts: {
    fd: number;
    position: number;
    hasher: HashWorker;
    bandwidth: number;
    onBytes(total: number): void;
  }): Promise<{ bytes: number; error: unknown }>;
  close(): void;
}

export function rawGet(
  url: URL,
  headers: Record<string, string>,
  stallMs: number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let head: Buffer = Buffer.alloc(0);
    let response: RawResponse | null = null;
    // Set by drain(): where body bytes go once the head has been parsed.
    let onBody: ((data: Buffer) => boolean) | null = null;
    // Set by drain(): where the next socket read should land (the free end of the current block).
    const spill = Buffer.allocUnsafeSlow(READ_BUFFER);
    let nextRead: () => Buffer = () => spill;
    let early: Buffer[] = [];
    let ended: ((err: unknown) => void) | null = null;
    let endError: unknown = undefined;
    let isEnded = false;
    const finish = (err: unknown) => {
      if (isEnded) return;
      isEnded = true;
      endError = err;
      if (!response) reject(err instanceof Error ? err : new Error('connection closed'));
      ended?.(err);
    };
    const socket = net.connect({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 80),
      onread: {
        buffer: () => nextRead(),
        callback(n: number, buf: Uint8Array) {
          let data = Buffer.from(buf.buffer, buf.byteOffset, n);
          if (!response) {
            head = Buffer.concat([head, data]);
            const end = head.indexOf('\r\n\r\n');
            if (end < 0) {
              if (head.length > MAX_HEAD) socket.destroy(new Error('response head too large'));
              return true;
            }
            const lines = head.subarray(0, end).toString('latin1').split('\r\n');
            const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
            if (!m) {
              socket.destroy(new Error('not an HTTP/1.1 response'));
              return true;
            }
            const hs: Record<string, string> = {};
            for (const line of lines.slice(1)) {
              const i = line.indexOf(':');
              if (i <= 0) continue;
              const k = line.slice(0, i).trim().toLowerCase();
              hs[k] ??= line.slice(i + 1).trim();
            }
            const len = hs['content-length'];
            response = makeResponse(Number(m[1]), hs, len !== undefined ? Number(len) : null);
            // The body's first bytes came with the head: copy them out of the reused buffer.
            data = Buffer.from(head.subarray(end + 4));
            head = Buffer.alloc(0);
            if (data.length > 0) early.push(data);
            resolve(response);
            return false; // paused until drain(): the caller may first re-hash the partial file
          }
          if (onBody) return onBody(data);
          early.push(Buffer.from(data)); // not draining yet: keep a copy
          return true;
        },
      },
    });
    socket.setTimeout(stallMs, () => socket.destroy(new Stalled(stallMs)));
    socket.on('connect', () => {
      const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
      lines.push('Connection: close', '', '');
      socket.write(lines.join('\r\n'));
    });
    socket.on('error', (err) => finish(err));
    socket.on('close', () => finish(undefined));

    function makeResponse(
      status: number,
      hs: Record<string, string>,
      contentLength: number | null,
    ): RawResponse {
      return {
        status,
        headers: hs,
        contentLength,
        close: () => socket.destroy(),
        drain: ({ fd, position, hasher, bandwidth, onBytes }) =>
          new Promise((done) => {
            const want = contentLength ?? 0;
            const free: Buffer[] = Array.from({ length: BLOCKS }, newBlock);
            // The block being filled; `sent` of its bytes are already on their way to the
            // disk and the hasher, `fill` hold data.
            let cur: Block | null = { buf: free.pop()!, fill: 0, sent: 0, users: 0, full: false };
            let retired = 0; // full blocks still being written or hashed
            let got = 0;
            let writePos = position;
            let writing = 0;
            let sinceSync = 0;
            let syncing = false;
            let timer: NodeJS.Timeout | null = null;
            let failure: unknown = null;
            let settled = false;
            const started = Date.now();
            const fail = (err: unknown) => {
              failure ??= err;
              socket.destroy();
            };
            const busy = () => writing > 0 || syncing || (cur !== null && cur.users > 0);
            const settle = () => {
              if (settled || retired > 0 || busy()) return;
              if (cur && cur.sent < cur.fill) return; // ended() flushes it first
              const complete = got >= want;
              if (!complete && !isEnded && !failure) return;
              settled = true;
              if (timer) clearTimeout(timer);
              socket.destroy();
              const error =
                failure ?? (complete ? null : (endError ?? new Error('connection closed early')));
              // Under a cap, a body that arrived in a few large reads still ends on schedule.
              const wait = paceDelay(started, got, bandwidth);
              if (wait > 0) setTimeout(() => done({ bytes: got, error }), wait);
              else done({ bytes: got, error });
            };
            // Dirty pages are written back while the download goes on, so the final fsync is
            // short and a small terminal's memory does not fill with a GB of them.
            const maybeSync = () => {
              if (syncing || sinceSync < SYNC_EVERY || failure) return;
              syncing = true;
              sinceSync = 0;
              fs.fdatasync(fd, () => {
                syncing = false;
                settle();
              });
            };
            const fresh = (buf: Buffer): Block => ({
              buf,
              fill: 0,
              sent: 0,
              users: 0,
              full: false,
            });
            const release = (b: Block) => {
              retired--;
              free.push(b.buf);
              if (cur === null && !failure) {
                cur = fresh(free.pop()!);
                socket.resume();
              }
            };
            const blockDone = (b: Block) => {
              if (--b.users === 0 && b.full) release(b);
            };
            /** Hands the block's new bytes to the disk and the hasher; a full block is retired. */
            const flush = (b: Block) => {
              if (timer) {
                clearTimeout(timer);
                timer = null;
              }
              const from = b.sent;
              const len = b.fill - from;
              if (len > 0) {
                b.sent = b.fill;
                b.users += 2;
                const at = writePos;
                writePos += len;
                writing++;
                const writeAll = (off: number) =>
                  fs.write(fd, b.buf, from + off, len - off, at + off, (err, n) => {
                    if (!err && off + n < len) return writeAll(off + n);
                    writing--;
                    if (err) fail(err);
                    else {
                      sinceSync += len;
                      maybeSync();
                    }
                    blockDone(b);
                    settle();
                  });
                writeAll(0);
                hasher.update(b.buf.subarray(from, b.fill)).then(
                  () => {
                    blockDone(b);
                    settle();
                  },
                  (err: unknown) => {
                    fail(err);
                    blockDone(b);
                    settle();
                  },
                );
              }
              if (b.fill === BLOCK) {
                b.full = true;
                retired++;
                if (cur === b) cur = free.length > 0 ? fresh(free.pop()!) : null;
                if (b.users === 0) release(b);
              }
            };
            /**
             * Bytes not yet handed on go to disk once the disk is idle and there is a good
             * amount of them, or after PROMPT_MS at the latest: a kill or power cut then loses
             * at most that much, while a fast link still gets large writes.
             */
            const schedule = () => {
              const b = cur;
              if (!b || b.sent === b.fill) return;
              if (writing === 0 && b.fill - b.sent >= MIN_WRITE) flush(b);
              else
                timer ??= setTimeout(() => {
                  timer = null;
                  if (cur && !failure) flush(cur);
                }, PROMPT_MS);
            };
            const take = (data: Buffer): boolean => {
              const room = want - got;
              if (data.length > room) data = data.subarray(0, room);
              got += data.length;
              const b = cur;
              if (
                b &&
                data.buffer === b.buf.buffer &&
                data.byteOffset === b.buf.byteOffset + b.fill
              ) {
                b.fill += data.length; // read straight into the block: nothing to copy
                if (b.fill === BLOCK) flush(b);
              } else {
                let off = 0;
                while (off < data.length) {
                  // A burst that outruns the free blocks gets a fresh one rather than losing a byte.
                  cur ??= fresh(free.pop() ?? newBlock());
                  const n = Math.min(data.length - off, BLOCK - cur.fill);
                  data.copy(cur.buf, cur.fill, off, off + n);
                  cur.fill += n;
                  off += n;
                  if (cur.fill === BLOCK) flush(cur);
                }
              }
              onBytes(position + got);
              if (got >= want) {
                if (cur) flush(cur);
                settle();
                return false;
              }
              schedule();
              let pause = cur === null;
              const wait = paceDelay(started, got, bandwidth);
              if (wait > 0) {
                pause = true;
                setTimeout(() => {
                  if (cur !== null && !failure && !settled) socket.resume();
                }, wait);
              }
              return !pause;
            };
            ended = () => {
              if (cur) flush(cur);
              settle();
            };
            nextRead = () =>
              cur !== null && cur.fill < BLOCK ? cur.buf.subarray(cur.fill) : spill;
            onBody = take;
            let proceed = true;
            for (const chunk of early) if (got < want) proceed = take(chunk);
            early = [];
            if (got >= want || isEnded) {
              if (cur) flush(cur);
              settle();
            } else if (proceed) socket.resume();
          }),
      };
    }
  });
}

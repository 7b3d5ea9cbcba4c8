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
 * ones arrive, so the main thread only moves bytes from the socket. Where the file system allows
 * it the writes are direct (O_DIRECT): the disk takes the pages straight from the blocks, so a GB
 * is neither copied into the page cache nor written back from it later, which on a two-core
 * terminal is CPU the hashing needs (and the fsync at the end is short). Only for plain `http:` with
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
  /** File offset of buf[0]: a multiple of ALIGN. */
  base: number;
  /** Bytes of data in it. */
  fill: number;
  /** Bytes already handed to the hasher. */
  hashed: number;
  /** Bytes already handed to the disk. */
  written: number;
  /** Writes and hashes of it in flight. A block filled to the end is free again at 0. */
  users: number;
}

/** Direct I/O wants buffers, file offsets and lengths on this boundary (4 KiB-sector disks too). */
const ALIGN = 4096;
const WASM_PAGE = 64 * 1024;

/**
 * `count` blocks of shared memory that start on page boundaries, as direct I/O needs (the kernel
 * copies from them straight to the disk). A SharedArrayBuffer comes from malloc, 16-byte aligned
 * only; a WebAssembly memory is mapped whole pages, and is shared with the hash worker the same way.
 */
function alignedBlocks(count: number): Buffer[] {
  const pages = (count * BLOCK) / WASM_PAGE;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  return Array.from({ length: count }, (_, i) => Buffer.from(memory.buffer, i * BLOCK, BLOCK));
}

/**
 * Blocks a finished download handed back, for the next file: a course has many, and each fresh
 * set is 32 MB to zero and a memory whose address space waits for the garbage collector.
 */
const spareBlocks: Buffer[] = [];

function takeBlocks(count: number): Buffer[] {
  const blocks = spareBlocks.splice(0, count);
  return blocks.length < count ? [...blocks, ...alignedBlocks(count - blocks.length)] : blocks;
}

function giveBackBlocks(blocks: Buffer[]): void {
  spareBlocks.push(...blocks.slice(0, Math.max(0, BLOCKS - spareBlocks.length)));
}

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
    /**
     * The same file opened with O_DIRECT, or null where the file system does not allow it:
     * whole pages then go from memory to the disk without the page cache (see openDirect).
     */
    direct: number | null;
    position: number;
    hasher: HashWorker;
    bandwidth: number;
    onBytes(total: number): void;
  }): Promise<{ bytes: number; error: unknown }>;
  close(): void;
}

/**
 * Opens `file` (which exists) for direct writes, or returns null where the file system refuses
 * O_DIRECT (older tmpfs, some FUSE and network file systems): the download then goes through the
 * page cache as before.
 */
export function openDirect(file: string): number | null {
  const { O_WRONLY, O_DIRECT } = fs.constants;
  if (O_DIRECT === undefined) return null; // not Linux
  try {
    return fs.openSync(file, O_WRONLY | O_DIRECT);
  } catch {
    return null;
  }
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
        drain: ({ fd, direct, position, hasher, bandwidth, onBytes }) =>
          new Promise((done) => {
            const want = contentLength ?? 0;
            // Every block this download uses; all idle once it settles, then given back.
            const owned = takeBlocks(BLOCKS);
            const free = [...owned];
            // File offset of the next block's first byte. Blocks start on ALIGN boundaries so that
            // their full pages can go to disk with O_DIRECT.
            let nextBase = position - (position % ALIGN);
            let directFd = direct;
            let got = 0;
            let writing = 0;
            let sinceSync = 0;
            let syncing = false;
            let timer: NodeJS.Timeout | null = null;
            let failure: unknown = null;
            let settled = false;
            const started = Date.now();
            const fresh = (buf: Buffer): Block => {
              const b = {
                buf,
                base: nextBase,
                fill: 0,
                hashed: 0,
                written: 0,
                users: 0,
              };
              nextBase += BLOCK;
              return b;
            };
            // The block being filled. A resume that starts mid-page begins with the bytes of
            // that page already on disk (read back, so the first direct write covers the
            // whole page); they are neither hashed again nor counted as received.
            let cur: Block | null = fresh(free.pop()!);
            const head = position - cur.base;
            cur.fill = cur.hashed = cur.written = head;
            if (head > 0 && directFd !== null) {
              if (fs.readSync(fd, cur.buf, 0, head, cur.base) === head) cur.written = 0;
              else directFd = null;
            }
            let retired = 0; // full blocks still being written or hashed
            const fail = (err: unknown) => {
              failure ??= err;
              socket.destroy();
            };
            const busy = () => writing > 0 || syncing || (cur !== null && cur.users > 0);
            const settle = () => {
              if (settled || retired > 0 || busy()) return;
              if (cur && (cur.written < cur.fill || cur.hashed < cur.fill)) return; // ended() flushes it first
              const complete = got >= want;
              if (!complete && !isEnded && !failure) return;
              settled = true;
              if (timer) clearTimeout(timer);
              socket.destroy();
              giveBackBlocks(owned);
              const error =
                failure ?? (complete ? null : (endError ?? new Error('connection closed early')));
              // Under a cap, a body that arrived in a few large reads still ends on schedule.
              const wait = paceDelay(started, got, bandwidth);
              if (wait > 0) setTimeout(() => done({ bytes: got, error }), wait);
              else done({ bytes: got, error });
            };
            // Dirty pages (of the buffered writes) are written back while the download goes on,
            // so the final fsync is short and a small terminal's memory does not fill with a GB
            // of them.
            const maybeSync = () => {
              if (syncing || sinceSync < SYNC_EVERY || failure) return;
              syncing = true;
              sinceSync = 0;
              fs.fdatasync(fd, () => {
                syncing = false;
                settle();
              });
            };
            const release = (b: Block) => {
              retired--;
              free.push(b.buf);
              if (cur === null && !failure) {
                cur = fresh(free.pop()!);
                socket.resume();
              }
            };
            const blockDone = (b: Block) => {
              if (--b.users === 0 && b.fill === BLOCK) release(b);
            };
            /**
             * Writes `len` bytes of the block from `from` at their place in the file: straight
             * from memory to the disk when `viaDirect` (no copy into the page cache, no
             * write-back later), else through the page cache. A file system that refuses a
             * direct write (EINVAL) gets this and every later write through the page cache.
             */
            const writeOut = (b: Block, from: number, len: number, viaDirect: boolean) => {
              const target = viaDirect && directFd !== null ? directFd : fd;
              fs.write(target, b.buf, from, len, b.base + from, (err, n) => {
                if (err && target !== fd && err.code === 'EINVAL') {
                  directFd = null;
                  return writeOut(b, from, len, false);
                }
                if (!err && n < len) {
                  const aligned = (from + n) % ALIGN === 0 && (len - n) % ALIGN === 0;
                  return writeOut(b, from + n, len - n, target !== fd && aligned);
                }
                writing--;
                if (err) fail(err);
                else if (target === fd) {
                  sinceSync += len;
                  maybeSync();
                }
                blockDone(b);
                settle();
              });
            };
            /**
             * Hands the block's new bytes to the hasher and its whole new pages to the disk;
             * with `all`, also the part-page at the end (through the page cache: a direct write
             * must cover whole pages, and the next one rewrites that page whole). A full block
             * is retired.
             */
            const flush = (b: Block, all: boolean) => {
              if (timer) {
                clearTimeout(timer);
                timer = null;
              }
              if (b.hashed < b.fill) {
                b.users++;
                hasher.update(b.buf.subarray(b.hashed, b.fill)).then(
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
                b.hashed = b.fill;
              }
              if (directFd !== null) {
                const from = b.written - (b.written % ALIGN);
                const to = b.fill - (b.fill % ALIGN);
                if (to > b.written) {
                  b.users++;
                  writing++;
                  writeOut(b, from, to - from, true);
                  b.written = to;
                }
              }
              if ((all || directFd === null) && b.written < b.fill) {
                b.users++;
                writing++;
                writeOut(b, b.written, b.fill - b.written, false);
                b.written = b.fill;
              }
              if (b.fill === BLOCK) {
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
              if (!b || (b.written === b.fill && b.hashed === b.fill)) return;
              if (writing === 0 && b.fill - b.written >= MIN_WRITE) flush(b, false);
              if (b.written < b.fill)
                timer ??= setTimeout(() => {
                  timer = null;
                  if (cur && !failure) flush(cur, true);
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
                if (b.fill === BLOCK) flush(b, true);
              } else {
                let off = 0;
                while (off < data.length) {
                  // A burst that outruns the free blocks gets a fresh one rather than losing a byte.
                  if (!cur) {
                    let buf = free.pop();
                    if (!buf) owned.push((buf = alignedBlocks(1)[0]!));
                    cur = fresh(buf);
                  }
                  const n = Math.min(data.length - off, BLOCK - cur.fill);
                  data.copy(cur.buf, cur.fill, off, off + n);
                  cur.fill += n;
                  off += n;
                  if (cur.fill === BLOCK) flush(cur, true);
                }
              }
              onBytes(position + got);
              if (got >= want) {
                if (cur) flush(cur, true);
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
              if (cur) flush(cur, true);
              settle();
            };
            nextRead = () =>
              cur !== null && cur.fill < BLOCK ? cur.buf.subarray(cur.fill) : spill;
            onBody = take;
            let proceed = true;
            for (const chunk of early) if (got < want) proceed = take(chunk);
            early = [];
            if (got >= want || isEnded) {
              if (cur) flush(cur, true);
              settle();
            } else if (proceed) socket.resume();
          }),
      };
    }
  });
}

import type crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';

/**
 * A minimal HTTP/1.1 GET over a plain TCP socket for the bulk of a course download. Node's http
 * client hands over each 64 KB socket read as a fresh Buffer, and on a GB file the garbage
 * collector then costs as much as the hashing; here the socket reads into one reused 1 MB buffer
 * (`onread`), bytes are hashed and copied into a few reused 4 MB blocks, and the blocks are
 * written at explicit offsets on the thread pool while the next ones arrive. Only for plain
 * `http:` with a Content-Length body; anything else (redirects, chunked bodies, https) is left to
 * node:http by the caller.
 */

const READ_BUFFER = 1024 * 1024;
const BLOCK = 4 * 1024 * 1024;
const BLOCKS = 4;
const MAX_HEAD = 64 * 1024;

export interface RawResponse {
  status: number;
  /** Lower-cased header names; the first value of each. */
  headers: Record<string, string>;
  /** Body bytes promised by Content-Length, or null when the server did not say. */
  contentLength: number | null;
  /**
   * Writes the body into `fd` from `position` on, hashing it, and resolves once every block is
   * on its way to disk and written: with the error that stopped it, if any (the bytes that did
   * arrive are written, so a retry resumes after them).
   */
  drain(opts: {
    fd: number;
    position: number;
    hash: crypto.Hash;
    bandwidth: number;
    onBytes(total: number): void;
  }): Promise<{ bytes: number; error: unknown }>;
  close(): void;
}

class StalledRaw extends Error {
  constructor(ms: number) {
    super(`no data for ${ms} ms`);
    this.name = 'Stalled';
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
        buffer: Buffer.allocUnsafeSlow(READ_BUFFER),
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
    socket.setTimeout(stallMs, () => socket.destroy(new StalledRaw(stallMs)));
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
        drain: ({ fd, position, hash, bandwidth, onBytes }) =>
          new Promise((done) => {
            const want = contentLength ?? 0;
            const free: Buffer[] = Array.from({ length: BLOCKS }, () =>
              Buffer.allocUnsafeSlow(BLOCK),
            );
            let block = free.pop()!;
            let fill = 0;
            let got = 0;
            let writePos = position;
            let pending = 0;
            let writeError: unknown = null;
            let waitingForBlock = false;
            let settled = false;
            const started = Date.now();
            const settle = () => {
              if (settled || pending > 0) return;
              const complete = got >= want;
              if (!complete && !isEnded) return;
              settled = true;
              socket.destroy();
              const error =
                writeError ??
                (complete ? null : (endError ?? new Error('connection closed early')));
              // Under a cap, a body that arrived in a few large reads still ends on schedule.
              const wait = bandwidth > 0 ? started + (got / bandwidth) * 1000 - Date.now() : 0;
              if (wait > 0) setTimeout(() => done({ bytes: got, error }), wait);
              else done({ bytes: got, error });
            };
            const flush = () => {
              if (fill === 0) return;
              const b = block;
              const len = fill;
              const at = writePos;
              writePos += len;
              pending++;
              // Never without a block: backpressure normally keeps one free, and a burst that
              // outruns it gets a fresh one rather than losing a byte.
              block = free.pop() ?? Buffer.allocUnsafeSlow(BLOCK);
              fill = 0;
              const writeAll = (off: number) =>
                fs.write(fd, b, off, len - off, at + off, (err, n) => {
                  if (!err && off + n < len) return writeAll(off + n);
                  pending--;
                  if (err) {
                    writeError ??= err;
                    socket.destroy();
                  }
                  free.push(b);
                  if (waitingForBlock && !writeError) {
                    waitingForBlock = false;
                    socket.resume();
                  }
                  settle();
                });
              writeAll(0);
            };
            const take = (data: Buffer): boolean => {
              const room = want - got;
              if (data.length > room) data = data.subarray(0, room);
              hash.update(data);
              got += data.length;
              let off = 0;
              while (off < data.length) {
                const n = Math.min(data.length - off, BLOCK - fill);
                data.copy(block, fill, off, off + n);
                fill += n;
                off += n;
                if (fill === BLOCK) flush();
              }
              onBytes(position + got);
              if (got >= want) {
                flush();
                settle();
                return false;
              }
              // Write promptly when the disk is idle: on a slow link a block would otherwise sit
              // in memory for minutes, and a kill or power cut would lose it.
              if (pending === 0 && fill > 0) flush();
              let pause = false;
              if (free.length === 0) {
                waitingForBlock = true;
                pause = true;
              }
              if (bandwidth > 0) {
                const wait = started + (got / bandwidth) * 1000 - Date.now();
                if (wait > 0) {
                  pause = true;
                  setTimeout(() => {
                    if (!waitingForBlock) socket.resume();
                  }, wait);
                }
              }
              return !pause;
            };
            ended = () => {
              flush();
              settle();
            };
            onBody = take;
            let proceed = true;
            for (const chunk of early) if (got < want) proceed = take(chunk);
            early = [];
            if (got >= want || isEnded) {
              flush();
              settle();
            } else if (proceed) socket.resume();
          }),
      };
    }
  });
}

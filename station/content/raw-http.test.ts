import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { HashWorker } from './hash-worker.js';
import { openDirect, rawGet } from './raw-http.js';

/**
 * The fast download path against a real server on 127.0.0.1: bytes land at their offsets whether
 * they go to disk directly (O_DIRECT, whole pages) or through the page cache, from any resume
 * offset, and a slow link's bytes reach the disk promptly even when they do not fill a page.
 */

let tmp: ReturnType<typeof makeTempDir>;
let server: http.Server | null;
beforeEach(() => {
  tmp = makeTempDir('raw-http-');
  server = null;
});
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(null)));
  tmp.cleanup();
});

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/**
 * Serves `body` from a Range offset, in pieces of `piece` bytes (0: all at once); after each,
 * `pause` says how many milliseconds to wait before the next, given the body bytes sent so far.
 */
async function serve(body: Buffer, piece = 0, pause?: (sent: number) => number) {
  server = http.createServer((req, res) => {
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    res.writeHead(m ? 206 : 200, {
      'content-length': String(body.length - start),
      ...(m ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    if (!piece) return res.end(body.subarray(start));
    let pos = start;
    const next = () => {
      if (res.destroyed) return;
      const end = Math.min(pos + piece, body.length);
      res.write(body.subarray(pos, end));
      pos = end;
      if (pos < body.length) setTimeout(next, pause?.(pos - start) ?? 0);
      else res.end();
    };
    next();
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return new URL(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/v.mp4`);
}

/**
 * Fetches `url` into `file` from `from` on (the file already holding the bytes before it), as
 * downloadOnce does: resolves with the SHA-256 of the whole file's bytes as the hasher saw them.
 * `useDirect`: open the file for direct writes, write through the page cache only, or the descriptor
 * to hand drain() as the direct one (the caller's to close).
 */
async function fetchInto(url: URL, file: string, from: number, useDirect: boolean | number) {
  const fd = fs.openSync(file, from === 0 ? 'w' : 'r+');
  fs.ftruncateSync(fd, from);
  const opened = useDirect === true ? openDirect(file) : null;
  const direct = typeof useDirect === 'number' ? useDirect : opened;
  const hasher = new HashWorker();
  try {
    const headers: Record<string, string> = from > 0 ? { range: `bytes=${from}-` } : {};
    const res = await rawGet(url, headers, 5000);
    const prefix = hasher.file(file, from);
    const r = await res.drain({ fd, direct, position: from, hasher, bandwidth: 0, onBytes() {} });
    res.close();
    expect(r.error).toBeNull();
    fs.fsyncSync(fd);
    await prefix;
    return { digest: await hasher.digest(), bytes: r.bytes, direct };
  } finally {
    fs.closeSync(fd);
    if (opened !== null) fs.closeSync(opened);
    await hasher.close();
  }
}

describe('raw download into a partial file', () => {
  // Not a multiple of a page, and more than the eight 4 MiB blocks in memory at once.
  const body = crypto.randomBytes(37 * 1024 * 1024 + 1234);

  for (const useDirect of [true, false]) {
    const how = useDirect ? 'direct writes' : 'the page cache';
    it(`writes every byte at its offset through ${how}, from unaligned resume offsets`, async () => {
      const url = await serve(body);
      const file = path.join(tmp.dir, 'v.part');
      for (const from of [0, 4095, 4096 * 3 + 1, 4 * 1024 * 1024 - 7, 33 * 1024 * 1024 + 999]) {
        // What an earlier attempt left: the first `from` bytes.
        fs.writeFileSync(file, body.subarray(0, from));
        const r = await fetchInto(url, file, from, useDirect);
        expect(r.bytes).toBe(body.length - from);
        expect(r.digest).toBe(sha(body));
        expect(sha(fs.readFileSync(file))).toBe(sha(body));
        if (useDirect) expect(r.direct).not.toBeNull(); // the test's temp volume allows O_DIRECT
      }
    });
  }

  it('reuses its memory blocks from one file to the next without carrying bytes over', async () => {
    // Two different bodies, one after the other (the second gets the first one's blocks back),
    // resumed where a stale page of the first would show if a block were not fully refilled.
    for (const [i, from] of [
      [0, 5000],
      [1, 4096 + 17],
    ] as const) {
      const other = crypto.randomBytes(9 * 1024 * 1024 + 321 * (i + 1));
      const url = await serve(other);
      const file = path.join(tmp.dir, `o${i}.part`);
      fs.writeFileSync(file, other.subarray(0, from));
      const r = await fetchInto(url, file, from, true);
      expect(r.digest).toBe(sha(other));
      expect(fs.readFileSync(file).equals(other)).toBe(true);
      await new Promise((done) => server!.close(done));
      server = null;
    }
  });

  it('goes on through the page cache when a direct write is refused (EINVAL)', async () => {
    const url = await serve(body);
    const file = path.join(tmp.dir, 'v.part');
    fs.writeFileSync(file, body.subarray(0, 12_345));
    // Stands in for a file system without direct I/O: this proc file answers EINVAL to any
    // write that is not a number, as such a file system does to an O_DIRECT write.
    const refusing = fs.openSync('/proc/self/oom_score_adj', 'w');
    try {
      const r = await fetchInto(url, file, 12_345, refusing); // expects no error
      expect(r.digest).toBe(sha(body));
      expect(sha(fs.readFileSync(file))).toBe(sha(body));
    } finally {
      fs.closeSync(refusing);
    }
  });

  it('puts a slow link’s bytes on disk within moments, also when they do not fill a page', async () => {
    const slow = crypto.randomBytes(200_000 + 17);
    const file = path.join(tmp.dir, 'slow.part');
    fs.writeFileSync(file, slow.subarray(0, 5000)); // resume inside the first page
    const onDisk = () => fs.statSync(file).size - 5000;
    const lags: number[] = [];
    let whenSilent: { sent: number; onDisk: number } | null = null;
    // A piece every 40 ms, so the 100 ms flush finds whole pages and a part-page each time; one
    // 400 ms silence half-way, during which all that was sent must already be on disk.
    const url = await serve(slow, 10_007, (sent) => {
      lags.push(sent - onDisk());
      if (sent !== 10 * 10_007) return 40;
      setTimeout(() => (whenSilent = { sent, onDisk: onDisk() }), 300);
      return 400;
    });
    const r = await fetchInto(url, file, 5000, true);
    expect(r.digest).toBe(sha(slow));
    expect(fs.readFileSync(file).equals(slow)).toBe(true);
    expect(whenSilent).toEqual({ sent: 10 * 10_007, onDisk: 10 * 10_007 });
    // Everything sent up to ~0.3 s earlier was on disk by each piece.
    expect(Math.max(...lags)).toBeLessThanOrEqual(8 * 10_007);
  });
});

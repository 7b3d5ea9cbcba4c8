// Course content (issue 6), each figure beside its reference in the same run:
// - sync throughput: `station content sync` fetching a 1 GiB course file over loopback vs `curl`
//   fetching the same file from the same server (wall time; ≥ 0.9× throughput = ≤ 1.11× time);
// - bytes fetched twice after a connection cut half-way (goal: at most one 1 MiB chunk);
// - `station content verify` vs `sha256sum` over the same cached files (≤ 1.11× time);
// - time to first byte after a seek through the station's media handler (`station serve`),
//   a 2 GiB file vs a 100 MiB file (≤ 1.2×).
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../lib/run.mjs';
import { median } from './report.mjs';
import { startStation } from './station.mjs';

const stationBin = path.join(repoRoot, 'bin', 'station.js');
const MiB = 1024 * 1024;
const SYNC_BYTES = 1024 * MiB;
const BIG_BYTES = 2048 * MiB;
const SMALL_BYTES = 100 * MiB;
const SEEKS = 40;

function stationCli(args, { allowFail = false } = {}) {
  const r = spawnSync(process.execPath, [stationBin, ...args], { encoding: 'utf8' });
  if (r.status !== 0 && !allowFail) {
    throw new Error(`station ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  }
  return r;
}

/** Wall time of a command run to completion, in seconds. */
function timed(cmd, args) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${err}`));
      else resolve(Number(process.hrtime.bigint() - start) / 1e9);
    });
  });
}

function writeRandomFile(file, size) {
  const fd = fs.openSync(file, 'w');
  const block = crypto.randomBytes(8 * MiB);
  for (let pos = 0; pos < size; pos += block.length) {
    crypto.randomFillSync(block);
    fs.writeSync(fd, block, 0, Math.min(block.length, size - pos));
  }
  fs.closeSync(fd);
}

/** A plain static file server with Range, which can cut one response part-way. */
function startFileServer(root) {
  const state = { cutAt: null, sent: new Map(), url: '' };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).slice(1);
    const file = path.join(root, ...rel.split('/'));
    let stat;
    try {
      stat = fs.statSync(file);
      if (!stat.isFile()) throw new Error('dir');
    } catch {
      res.writeHead(404).end();
      return;
    }
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers = { etag, 'accept-ranges': 'bytes', 'last-modified': stat.mtime.toUTCString() };
    let start = 0;
    let status = 200;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (m && (!req.headers['if-range'] || req.headers['if-range'] === etag)) {
      start = Number(m[1]);
      status = 206;
      headers['content-range'] = `bytes ${start}-${stat.size - 1}/${stat.size}`;
    }
    headers['content-length'] = String(stat.size - start);
    res.writeHead(status, headers);
    const cut = state.cutAt !== null && rel.endsWith('.mp4') ? state.cutAt : null;
    if (cut !== null) state.cutAt = null;
    const end = cut !== null ? cut - 1 : stat.size - 1;
    const stream = fs.createReadStream(file, { start, end, highWaterMark: MiB });
    stream.on('data', (c) => state.sent.set(rel, (state.sent.get(rel) ?? 0) + c.length));
    stream.pipe(res, { end: cut === null });
    // The cut closes the connection once what was sent has been flushed (FIN, not RST): every
    // byte counted as sent reaches the client, so sent − size is exactly what was fetched twice.
    if (cut !== null) stream.on('end', () => res.socket?.end());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      state.url = `http://127.0.0.1:${server.address().port}/`;
      state.close = () => new Promise((r) => server.close(r));
      resolve(state);
    }),
  );
}

/** A fresh station that trusts the bench key, with no disk margin and fast retries. */
function freshStation(work, name, pub) {
  const data = path.join(work, name);
  fs.rmSync(data, { recursive: true, force: true });
  stationCli(['init', '--data', data]);
  stationCli(['content', 'trust', pub, '--data', data]);
  stationCli(['config', 'set', 'content.retryBackoffMs', '0', '--data', data]);
  return data;
}

/** Milliseconds from sending a Range request to the first body byte. */
function firstByteMs(url, offset) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = http.get(
      url,
      { headers: { range: `bytes=${offset}-${offset + 65535}` } },
      (res) => {
        if (res.statusCode !== 206) reject(new Error(`HTTP ${res.statusCode} for ${url}`));
        res.once('data', () => {
          resolve(Number(process.hrtime.bigint() - start) / 1e6);
          res.destroy();
        });
      },
    );
    req.on('error', (e) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
  });
}

export const content = {
  id: 'content',
  note: () =>
    'content: sync = wall time of `station content sync --from URL` (a fresh station each run, ' +
    'process start included) fetching a 1 GiB course from a node:http static server on ' +
    '127.0.0.1, vs `curl -o` of the same file from the same server (and vs `curl -o` followed by ' +
    '`sync FILE`, since the station fsyncs every file before it counts as verified), runs ' +
    'interleaved, median; ' +
    'refetch = bytes the server sent beyond the file size when the connection is cut once at 40 %; ' +
    'verify = `station content verify` vs `sha256sum` over the same cached file, warm page cache; ' +
    `seek = median time to first byte of ${SEEKS} Range requests at random offsets through ` +
    '`station serve` /media/ (a 2 GiB vs a 100 MiB verified file).',
  async run({ runs }) {
    const n = Math.min(runs, 3);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'station-bench-content-'));
    let server;
    let serving;
    try {
      const keys = path.join(work, 'keys');
      stationCli(['content', 'keygen', '--out', keys]);
      const pub = path.join(keys, 'county.pub');
      const publish = (from, version, to) =>
        stationCli([
          'content',
          'publish',
          from,
          '--key',
          path.join(keys, 'county.key'),
          '--version',
          String(version),
          '--out',
          to,
        ]);
      const src = path.join(work, 'src');
      fs.mkdirSync(path.join(src, 'course'), { recursive: true });
      writeRandomFile(path.join(src, 'course', 'lecture.mp4'), SYNC_BYTES);
      const out = path.join(work, 'published');
      publish(src, 1, out);
      fs.rmSync(src, { recursive: true });
      server = await startFileServer(out);

      // Throughput, interleaved with curl.
      const ours = [];
      const curls = [];
      const durableCurls = [];
      for (let i = 0; i < n; i++) {
        const target = path.join(work, 'curl.bin');
        const fileUrl = `${server.url}course/lecture.mp4`;
        curls.push(await timed('curl', ['-s', '-f', '-o', target, fileUrl]));
        fs.rmSync(target);
        // The same download made durable (the sync fsyncs before it calls a file verified).
        const durable = 'curl -s -f -o "$1" "$2" && sync "$1"';
        durableCurls.push(await timed('sh', ['-c', durable, 'sh', target, fileUrl]));
        fs.rmSync(target);
        const data = freshStation(work, 'sync', pub);
        ours.push(
          await timed(process.execPath, [
            stationBin,
            'content',
            'sync',
            '--from',
            server.url,
            '--data',
            data,
          ]),
        );
        process.stdout.write(
          `content: sync ${ours.at(-1).toFixed(2)} s, curl ${curls.at(-1).toFixed(2)} s\n`,
        );
      }

      // One cut at 40 %: the next attempt must resume, not start over.
      const cutData = freshStation(work, 'cut', pub);
      server.sent.clear();
      server.cutAt = Math.floor(SYNC_BYTES * 0.4);
      await timed(process.execPath, [
        stationBin,
        'content',
        'sync',
        '--from',
        server.url,
        '--data',
        cutData,
      ]);
      const refetched = (server.sent.get('course/lecture.mp4') ?? 0) - SYNC_BYTES;

      // verify vs sha256sum over the same cached object.
      const objects = path.join(cutData, 'cache', 'objects');
      const files = fs.readdirSync(objects).map((f) => path.join(objects, f));
      const verify = [];
      const shasum = [];
      for (let i = 0; i < n; i++) {
        shasum.push(await timed('sha256sum', files));
        verify.push(
          await timed(process.execPath, [stationBin, 'content', 'verify', '--data', cutData]),
        );
      }
      fs.rmSync(path.join(work, 'sync'), { recursive: true, force: true });
      await server.close();
      server = null;

      // Seek: a 2 GiB (sparse at the source) and a 100 MiB file in the verified cache.
      const seekSrc = path.join(work, 'seek-src');
      fs.mkdirSync(path.join(seekSrc, 'seek'), { recursive: true });
      const bigFd = fs.openSync(path.join(seekSrc, 'seek', 'big.mp4'), 'w');
      fs.ftruncateSync(bigFd, BIG_BYTES);
      fs.closeSync(bigFd);
      writeRandomFile(path.join(seekSrc, 'seek', 'small.mp4'), SMALL_BYTES);
      const seekOut = path.join(work, 'seek-out');
      publish(seekSrc, 2, seekOut);
      fs.rmSync(seekSrc, { recursive: true });
      stationCli(['content', 'import', seekOut, '--data', cutData]);
      fs.rmSync(seekOut, { recursive: true });
      serving = await startStation(cutData);
      const url = (name) => `${serving.origin}/media/seek/${name}?token=${serving.token}`;
      const big = [];
      const small = [];
      await firstByteMs(url('big.mp4'), 0); // warm-up
      await firstByteMs(url('small.mp4'), 0);
      for (let i = 0; i < SEEKS; i++) {
        big.push(
          await firstByteMs(url('big.mp4'), Math.floor(Math.random() * (BIG_BYTES - 65536))),
        );
        small.push(
          await firstByteMs(url('small.mp4'), Math.floor(Math.random() * (SMALL_BYTES - 65536))),
        );
      }
      return [
        {
          name: 'content sync of 1 GiB over loopback (time)',
          figure: median(ours),
          reference: median(curls),
          referenceLabel: 'curl, same server',
          unit: 's',
          goal: { maxRatio: 1.11 },
        },
        {
          name: 'content sync of 1 GiB over loopback (time) vs a durable curl',
          figure: median(ours),
          reference: median(durableCurls),
          referenceLabel: 'curl then sync(1)',
          unit: 's',
          goal: { maxRatio: 1.11 },
        },
        {
          name: 'bytes fetched twice after one cut',
          figure: refetched / MiB,
          reference: null,
          unit: 'MiB',
          goal: { max: 1 },
        },
        {
          name: 'station content verify of 1 GiB (time)',
          figure: median(verify),
          reference: median(shasum),
          referenceLabel: 'sha256sum',
          unit: 's',
          goal: { maxRatio: 1.11 },
        },
        {
          name: 'time to first byte after a seek, 2 GiB file',
          figure: median(big),
          reference: median(small),
          referenceLabel: '100 MiB file',
          unit: 'ms',
          goal: { maxRatio: 1.2 },
        },
      ];
    } finally {
      await server?.close();
      await serving?.stop();
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
};

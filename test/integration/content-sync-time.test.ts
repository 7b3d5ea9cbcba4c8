import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../station/clock.js';
import type { Db } from '../../station/db/open.js';
import { initDataDir } from '../../station/init.js';
import { generateKeyPair, readPrivateKey, trustKey } from '../../station/content/keys.js';
import { publish } from '../../station/content/publish.js';
import { clockStatus } from '../../station/time/trusted-time.js';
import { STATION_BIN } from '../helpers/station-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/**
 * Trusted time from the content server: `station content sync` learns the time from the `Date`
 * header of the manifest response (a real process against a real server on 127.0.0.1), and the
 * station's time quality reflects it afterwards.
 */

let tmp: ReturnType<typeof makeTempDir>;
let db: Db;
let data: string;
let published: string;
let server: http.Server | null = null;

/** Serves `dir` as static files, every response carrying `date` as its Date header. */
function serveWithDate(dir: string, date: string): Promise<string> {
  server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, ...rel.split('/').filter(Boolean));
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { date }).end();
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { date, 'content-length': body.length }).end(body);
  });
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/`),
    ),
  );
}

function sync(url: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [
    STATION_BIN,
    'content',
    'sync',
    '--from',
    url,
    '--data',
    data,
  ]);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

async function publishWith(keyFile: string, out: string) {
  const src = path.join(tmp.dir, 'src');
  fs.mkdirSync(path.join(src, 'c1'), { recursive: true });
  fs.writeFileSync(path.join(src, 'c1', 'video.mp4'), Buffer.alloc(50_000, 3));
  await publish({
    src,
    out,
    privateKey: readPrivateKey(keyFile),
    version: 1,
    expires: null,
    now: new Date(),
  });
}

beforeEach(async () => {
  tmp = makeTempDir('content-time-');
  data = path.join(tmp.dir, 'data');
  const { keyFile, pubFile } = generateKeyPair(path.join(tmp.dir, 'keys'));
  ({ db } = initDataDir({ dataDir: data, clock: systemClock }));
  trustKey(db, fs.readFileSync(pubFile, 'utf8'), 'county', new Date());
  published = path.join(tmp.dir, 'pub');
  await publishWith(keyFile, published);
});

afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = null;
  db.close();
  tmp.cleanup();
});

const HOUR = 3_600_000;

describe('content sync as a time source', () => {
  it("learns the server's Date: the station's clock agrees with it and stays trusted", async () => {
    // Whole seconds, as HTTP dates are; the station adds half a second.
    const serverNow = Math.floor(Date.now() / 1000) * 1000;
    const url = await serveWithDate(published, new Date(serverNow).toUTCString());
    expect(clockStatus(db, new Date()).lastGoodSource).toBeNull();

    expect((await sync(url)).code).toBe(0);

    const status = clockStatus(db, new Date());
    expect(status.lastGoodSource).toBe('http-date');
    expect(Date.parse(status.lastGoodAt!)).toBe(serverNow + 500);
    expect(status).toMatchObject({ trusted: true, reason: 'agrees-with-source' });
  });

  it('a server three hours ahead makes the station clock untrusted (behind the source)', async () => {
    const serverNow = Math.floor(Date.now() / 1000) * 1000 + 3 * HOUR;
    const url = await serveWithDate(published, new Date(serverNow).toUTCString());

    expect((await sync(url)).code).toBe(0);

    const status = clockStatus(db, new Date());
    expect(status.lastGoodSource).toBe('http-date');
    expect(status).toMatchObject({ trusted: false, reason: 'behind-source' });
    // What the time should be is the server's, carried forward by the monotonic clock.
    expect(Math.abs(status.expectedAt! - (Date.now() + 3 * HOUR))).toBeLessThan(60_000);
  });

  it('a Date before 2020 is not learned, and the sync itself still succeeds', async () => {
    const url = await serveWithDate(published, 'Sat, 01 Jan 2000 00:00:00 GMT');

    expect((await sync(url)).code).toBe(0);

    const status = clockStatus(db, new Date());
    expect(status.lastGoodSource).toBeNull();
    expect(status.lastGoodAt).toBeNull();
    expect(status.trusted).toBe(true);
  });

  it('a server whose manifest is not signed by a trusted key does not set the time', async () => {
    const stranger = generateKeyPair(path.join(tmp.dir, 'stranger'));
    const foreign = path.join(tmp.dir, 'foreign');
    await publishWith(stranger.keyFile, foreign);
    const url = await serveWithDate(foreign, new Date(Date.now() + 3 * HOUR).toUTCString());

    const r = await sync(url);
    expect(r.code).toBe(1);

    const status = clockStatus(db, new Date());
    expect(status.lastGoodSource).toBeNull();
    expect(status.trusted).toBe(true);
  });
});

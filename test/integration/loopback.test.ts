import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { fixedClock } from '../../station/clock.js';
import { openStation, type Station } from '../../station/service.js';
import { startLoopbackServer, type LoopbackServer } from '../../station/http/server.js';
import { readSettings, writeSetting } from '../../station/settings/store.js';

// A real station on a real SQLite file behind a real HTTP server on 127.0.0.1.
let tmp: ReturnType<typeof makeTempDir>;
let station: Station;
let server: LoopbackServer;
const clock = fixedClock('2026-11-26T02:00:00Z');

beforeAll(async () => {
  tmp = makeTempDir();
  const uiDir = path.join(tmp.dir, 'ui');
  fs.mkdirSync(uiDir);
  fs.writeFileSync(
    path.join(uiDir, 'index.html'),
    '<!doctype html><html><head><title>学习站</title></head><body></body></html>',
  );
  fs.mkdirSync(path.join(uiDir, 'assets'));
  // A script larger than one socket write, and a file past the size read whole (it streams).
  fs.writeFileSync(path.join(uiDir, 'assets', 'app.js'), 'x'.repeat(300_000));
  fs.writeFileSync(path.join(uiDir, 'assets', 'big.js'), 'y'.repeat(3 * 1024 * 1024));
  station = await openStation({ dataDir: path.join(tmp.dir, 'data'), clock, demo: true });
  server = await startLoopbackServer(station, { port: 0, uiDir });
});
afterAll(async () => {
  await server.close();
  await station.close();
  tmp.cleanup();
});

const base = () => `http://127.0.0.1:${server.port}`;
async function rpc(method: string, body: unknown, token: string | null = server.token) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['x-station-token'] = token;
  const res = await fetch(`${base()}/rpc/${method}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  // The tests read deep into answers of many shapes; the assertions are the type check here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

/** fetch() will not send a forged Host header, so this goes through node:http directly. */
function getWithHost(host: string, pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: server.port, path: pathname, headers: { host } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
  });
}

describe('loopback RPC', () => {
  it('prints a URL on 127.0.0.1 that carries the launch token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('answers 401 without the token before anything else, even for unknown methods', async () => {
    for (const method of ['getHome', 'noSuchMethod', '%2e%2e%2fetc']) {
      const r = await rpc(method, {}, null);
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect((await rpc('getHome', {}, 'wrong-token')).status).toBe(401);
  });

  it('with the token: an unknown method is 404, a bad shape is 400 with a readable reason', async () => {
    expect((await rpc('noSuchMethod', {})).status).toBe(404);
    const bad = await rpc('unlock', { role: 'mayor', pin: 1234 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('BAD_REQUEST');
    expect(bad.json.error.message).toMatch(/^请求参数有误/);
    expect(bad.json.error.message).toContain('role');
    const extra = await rpc('getHome', { sneaky: true });
    expect(extra.status).toBe(400);
    const notJson = await rpc('getHome', '{not json');
    expect(notJson.status).toBe(400);
  });

  it('returns the home view of the demo village in the station time zone', async () => {
    const r = await rpc('getHome', {});
    expect(r.status).toBe(200);
    expect(r.json.value).toMatchObject({
      setupRequired: false,
      village: '向阳村',
      county: '宁乡县',
      language: 'zh-CN',
      now: '2026-11-26T10:00:00+08:00',
      today: { year: 2026, month: 11, day: 26, weekday: 4 },
      nextSession: null,
    });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect(await getWithHost('evil.example', '/')).toBe(403);
    expect(await getWithHost(`127.0.0.1:${server.port}`, '/')).toBe(200);
  });

  it('guards organizer data behind the PIN and a grant', async () => {
    const noGrant = await rpc('getOrganizerOverview', { grant: 'x'.repeat(32) });
    expect(noGrant.status).toBe(401);
    const wrong = await rpc('unlock', { role: 'organizer', pin: '0000' });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.message).toContain('密码错误');
    expect(wrong.json.error.details.remaining).toBe(4);
    const ok = await rpc('unlock', { role: 'organizer', pin: '1234' });
    expect(ok.status).toBe(200);
    const overview = await rpc('getOrganizerOverview', { grant: ok.json.value.grant });
    expect(overview.json.value.memberCount).toBe(30);
    expect(overview.json.value.members[0]).toMatchObject({ name: '张国庆', role: 'secretary' });
    // An organizer grant does not open the technician console.
    const tech = await rpc('getTechnicianStatus', { grant: ok.json.value.grant });
    expect(tech.status).toBe(401);
    // Grants lapse.
    clock.advance(31 * 60_000);
    expect((await rpc('getOrganizerOverview', { grant: ok.json.value.grant })).status).toBe(401);
  });

  it('answers in English once the language is switched, and back', async () => {
    await rpc('setLanguage', { language: 'en' });
    const r = await rpc('unlock', { role: 'technician', pin: '0000' });
    expect(r.json.error.message).toMatch(/^Wrong PIN/);
    await rpc('setLanguage', { language: 'zh-CN' });
    expect((await rpc('getHome', {})).json.value.language).toBe('zh-CN');
  });

  it('serves media only with the token in the query, with Range', async () => {
    const url = `${base()}/media/demo/intro.mp4`;
    expect((await fetch(url)).status).toBe(401);
    const r = await fetch(`${url}?token=${server.token}`, { headers: { range: 'bytes=0-7' } });
    expect(r.status).toBe(206);
    const head = Buffer.from(await r.arrayBuffer());
    expect(head.subarray(4, 8).toString()).toBe('ftyp'); // a real MP4
  });

  it('serves the UI with a strict CSP and no referrer', async () => {
    const r = await fetch(`${base()}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await r.text()).toContain('学习站');
    expect((await fetch(`${base()}/..%2f..%2fdata%2fstation.db`)).status).toBe(404);
  });

  it('sends the UI files and the page with their length, whole; a file past 2 MiB streams', async () => {
    const page = await fetch(server.url);
    const html = Buffer.from(await page.arrayBuffer());
    expect(page.headers.get('content-length')).toBe(String(html.length));
    for (const [name, size] of [
      ['app.js', 300_000],
      ['big.js', 3 * 1024 * 1024],
    ] as const) {
      const r = await fetch(`${base()}/assets/${name}`);
      expect(r.headers.get('content-length')).toBe(String(size));
      expect(r.headers.get('cache-control')).toContain('immutable');
      expect((await r.arrayBuffer()).byteLength).toBe(size);
    }
  });

  it('opened with the launch token, the page carries the home view; a reload asks over /rpc/', async () => {
    const village = readSettings(station.db).village;
    // A value that would end the data block if it were not escaped.
    writeSetting(station.db, 'village', '红旗村</script><script>alert(1)</script>', clock.now());
    try {
      const html = await (await fetch(server.url)).text();
      expect(html.match(/<\/script>/g)).toHaveLength(1);
      const block = /<script type="application\/json" id="station-first-home">(.*?)<\/script>/.exec(
        html,
      );
      expect(block).not.toBeNull();
      const home = JSON.parse(block![1]!) as { village: string; timeZone: string };
      expect(home.village).toBe('红旗村</script><script>alert(1)</script>');
      expect(home.timeZone).toBe('Asia/Shanghai');
      // Without the token (a reload after the URL was cleaned) nothing about the station is inside.
      const plainPage = await (await fetch(`${base()}/`)).text();
      expect(plainPage).not.toContain('station-first-home');
      expect(plainPage).not.toContain('红旗村');
    } finally {
      writeSetting(station.db, 'village', village, clock.now());
    }
  });

  it("puts a name with replacement patterns ($&, $') into the page as it is", async () => {
    const village = readSettings(station.db).village;
    writeSetting(station.db, 'village', "红旗村$&$'$`$$", clock.now());
    try {
      const html = await (await fetch(server.url)).text();
      const block = /<script type="application\/json" id="station-first-home">(.*?)<\/script>/.exec(
        html,
      );
      expect((JSON.parse(block![1]!) as { village: string }).village).toBe("红旗村$&$'$`$$");
      expect(html.match(/<\/head>/g)).toHaveLength(1);
    } finally {
      writeSetting(station.db, 'village', village, clock.now());
    }
  });

  it('a second server on the same port is refused with a clear error', async () => {
    await expect(
      startLoopbackServer(station, { port: server.port, uiDir: tmp.dir }),
    ).rejects.toMatchObject({
      key: 'portInUse',
    });
  });
});

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { serve, station, type ServeProcess } from '../helpers/station-process.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
let server: ServeProcess | null = null;
const run = (...args: string[]) => station([...args, '--data', data]);

async function startWithLan(): Promise<string> {
  server = await serve(['--port', '0', '--lan', '127.0.0.1:0', '--data', data]);
  for (let i = 0; i < 200; i++) {
    const m = /(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/)/.exec(server.stderr());
    if (m) return m[1]!;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no LAN line: ${server.stderr()}`);
}

function newToken(name = '县委组织部笔记本'): string {
  const r = run('api-token', 'create', '--name', name);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  const token = lines[lines.length - 1]!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // URL-safe, alone on the last line
  return token;
}

beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(run('init', '--demo').code).toBe(0);
  const id = run('session', 'start', '--kind', 'collective', '--title', '集中学习').stdout.trim();
  for (const who of ['张国庆', '李秀英', '王建军', '刘桂兰', '陈志强']) {
    expect(run('checkin', id, who).code).toBe(0);
  }
});
afterEach(async () => {
  await server?.stop();
  server = null;
  tmp.cleanup();
});

describe('the LAN pull API', () => {
  it('pages attendance with a cursor for a bearer token, as JSON or CSV; stores only a digest', async () => {
    const token = newToken();
    const base = await startWithLan();
    const auth = { authorization: `Bearer ${token}` };
    const page1 = await fetch(`${base}attendance?limit=2`, { headers: auth });
    expect(page1.status).toBe(200);
    const body1 = (await page1.json()) as {
      items: { id: number; seq: number; hash: string }[];
      next: string;
      hasMore: boolean;
    };
    expect(body1.items.map((r) => r.id)).toEqual([1, 2]);
    expect(body1.items[0]).toMatchObject({ kind: 'check-in', sessionId: 1, seq: 1 });
    expect(body1.items[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body1.hasMore).toBe(true);
    const rest = (await (
      await fetch(`${base}attendance?since=${body1.next}`, { headers: auth })
    ).json()) as {
      items: { id: number }[];
      next: string;
      hasMore: boolean;
    };
    expect(rest.items.map((r) => r.id)).toEqual([3, 4, 5]);
    expect(rest.hasMore).toBe(false);
    // Polling later from the last cursor brings only what is new.
    const later = (await (
      await fetch(`${base}attendance?since=${rest.next}`, { headers: auth })
    ).json()) as {
      items: unknown[];
    };
    expect(later.items).toEqual([]);

    const csv = await fetch(`${base}members?limit=3`, { headers: { ...auth, accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('x-has-more')).toBe('true');
    const text = await csv.text();
    expect(text.split('\r\n').slice(0, 2)).toEqual([
      'id,name,role,status,state',
      '1,张国庆,secretary,full,active',
    ]);
    expect(text).not.toContain('1968'); // no birth dates or phones leave on the LAN

    const sessions = (await (await fetch(`${base}sessions`, { headers: auth })).json()) as {
      items: { title: string }[];
    };
    expect(sessions.items[0]!.title).toBe('集中学习');

    const stored = spawnSync(
      'sqlite3',
      [path.join(data, 'station.db'), 'SELECT token_sha256 FROM api_tokens'],
      { encoding: 'utf8' },
    );
    expect(stored.stdout).not.toContain(token);
    expect(stored.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 401 without or with a wrong token, then 429 after too many tries', async () => {
    const token = newToken();
    const base = await startWithLan();
    const missing = await fetch(`${base}attendance`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    let status = 0;
    for (let i = 0; i < 9; i++) {
      status = (
        await fetch(`${base}attendance`, { headers: { authorization: `Bearer ${'x'.repeat(43)}` } })
      ).status;
    }
    expect(status).toBe(401); // 10 failures so far
    const blocked = await fetch(`${base}attendance`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(blocked.status).toBe(429); // even the right token waits: guessing cannot go on
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('exposes nothing else on the LAN address: no UI, no RPC, no media, no writes', async () => {
    const token = newToken();
    const base = await startWithLan();
    const origin = new URL(base).origin;
    const auth = { authorization: `Bearer ${token}` };
    for (const p of [
      '/',
      '/index.html',
      '/rpc/getHome',
      '/media/demo/x.mp4',
      '/api/v1/',
      '/api/v1/pins',
      '/api/v2/attendance',
    ]) {
      const r = await fetch(`${origin}${p}`, {
        headers: { ...auth, 'x-station-token': server!.token },
      });
      expect(r.status, p).toBe(404);
    }
    const rpc = await fetch(`${origin}/rpc/getHome`, {
      method: 'POST',
      headers: { ...auth, 'x-station-token': server!.token },
      body: '{}',
    });
    expect(rpc.status).toBe(404);
    expect(
      (await fetch(`${base}attendance`, { method: 'POST', headers: auth, body: '{}' })).status,
    ).toBe(405);
    expect((await fetch(`${base}attendance?since=garbage`, { headers: auth })).status).toBe(400);
    // And the kiosk's loopback address does not serve the LAN API (at most its UI page).
    const loop = await fetch(`http://127.0.0.1:${server!.port}/api/v1/attendance`, {
      headers: auth,
    });
    expect(loop.headers.get('content-type') ?? '').not.toContain('application/json');
    expect(await loop.text()).not.toContain('"items"');
  });

  it('is off by default, and a bad --lan address is a clear error', async () => {
    server = await serve(['--port', '0', '--data', data]);
    expect(server.stderr()).not.toContain('/api/v1/');
    await server.stop();
    server = null;
    const bad = station(['serve', '--port', '0', '--lan', 'village.local:80', '--data', data]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('局域网地址“village.local:80”无效');
  });
});

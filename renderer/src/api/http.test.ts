import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../common/result.js';
import { TransportError } from './errors.js';
import { createHttpApi } from './http.js';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  token: string | string[] | undefined;
  body: string;
}

/** A real HTTP server on 127.0.0.1 that answers with a fixed status and body. */
async function fakeStation(
  status: number,
  body: string,
): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        token: req.headers['x-station-token'],
        body: text,
      });
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

describe('createHttpApi', () => {
  it('POSTs the input to /rpc/<method> with the token header and returns the value', async () => {
    const station = await fakeStation(
      200,
      JSON.stringify({ ok: true, value: { village: '向阳村' } }),
    );
    stop = station.close;
    const api = createHttpApi(station.url, 'secret-token');
    const home = await api.getHome({});
    expect(home).toEqual({ village: '向阳村' });
    expect(station.seen).toEqual([
      { method: 'POST', url: '/rpc/getHome', token: 'secret-token', body: '{}' },
    ]);
  });

  it('resolves a void method from an envelope without a value', async () => {
    const station = await fakeStation(200, JSON.stringify({ ok: true }));
    stop = station.close;
    await expect(
      createHttpApi(station.url, 't').setLanguage({ language: 'en' }),
    ).resolves.toBeUndefined();
    expect(station.seen[0]?.body).toBe('{"language":"en"}');
  });

  it('throws the station’s error with its code, sentence and details', async () => {
    const error = {
      code: 'PIN_WRONG',
      message: '密码错误，还可以再试 4 次',
      details: { remaining: 4 },
    };
    const station = await fakeStation(403, JSON.stringify({ ok: false, error }));
    stop = station.close;
    const failure = await createHttpApi(station.url, 't')
      .unlock({ role: 'organizer', pin: '0000' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StationError);
    expect(failure).toMatchObject(error);
  });

  it('turns a 401 envelope into an UNAUTHORIZED StationError', async () => {
    const error = { code: 'UNAUTHORIZED', message: '未授权' };
    const station = await fakeStation(401, JSON.stringify({ ok: false, error }));
    stop = station.close;
    await expect(createHttpApi(station.url, '').getHome({})).rejects.toMatchObject(error);
  });

  it('reports an answer that is not a Result envelope as a transport failure', async () => {
    const station = await fakeStation(502, '<html>bad gateway</html>');
    stop = station.close;
    await expect(createHttpApi(station.url, 't').getHome({})).rejects.toBeInstanceOf(
      TransportError,
    );
  });

  it('reports a station that is not listening as a transport failure', async () => {
    const station = await fakeStation(200, '{}');
    await station.close();
    await expect(createHttpApi(station.url, 't').getHome({})).rejects.toBeInstanceOf(
      TransportError,
    );
  });
});

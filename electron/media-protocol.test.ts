import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MEDIA_SCHEME_PRIVILEGES, registerMediaProtocol } from './media-protocol.js';

// Created at collection time: the case tables below name paths inside it.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'media-protocol-'));
let mediaRoot: string;
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));

beforeAll(() => {
  mediaRoot = path.join(root, 'content');
  fs.mkdirSync(path.join(mediaRoot, 'demo'), { recursive: true });
  fs.writeFileSync(path.join(mediaRoot, 'demo', '第一课.mp4'), bytes);
  fs.writeFileSync(path.join(root, 'station.db'), 'not for the page');
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Registers the protocol on a fake and returns the handler Electron would call. */
function mediaHandler(): (request: Request) => Promise<Response> {
  const protocol = { handle: vi.fn() };
  registerMediaProtocol(protocol, mediaRoot);
  expect(protocol.handle).toHaveBeenCalledOnce();
  const [scheme, handler] = protocol.handle.mock.calls[0] as [
    string,
    (r: Request) => Promise<Response>,
  ];
  expect(scheme).toBe('media');
  return handler;
}

const clipUrl = `media://local/demo/${encodeURIComponent('第一课.mp4')}`;

describe('media protocol', () => {
  it('answers a Range request with 206 and exactly those bytes of the real file', async () => {
    const res = await mediaHandler()(new Request(clipUrl, { headers: { range: 'bytes=100-199' } }));
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes.subarray(100, 200));
  });

  it('sends the whole file without a Range header', async () => {
    const res = await mediaHandler()(new Request(clipUrl));
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('answers a range past the end with 416', async () => {
    const res = await mediaHandler()(new Request(clipUrl, { headers: { range: 'bytes=5000-' } }));
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */1000');
  });

  it.each([
    'media://local/../station.db',
    'media://local/..%2fstation.db',
    'media://local/demo/..%2f..%2fstation.db',
    `media://local/${encodeURIComponent(path.join(root, 'station.db'))}`,
    'media://local/demo/missing.mp4',
    `media://elsewhere/demo/${encodeURIComponent('第一课.mp4')}`,
  ])('answers %s with 404', async (url) => {
    const res = await mediaHandler()(new Request(url));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('not for the page');
  });

  it('registers media as a streaming, standard, secure scheme that stays under CSP', () => {
    expect(MEDIA_SCHEME_PRIVILEGES).toEqual({
      scheme: 'media',
      privileges: {
        standard: true,
        secure: true,
        stream: true,
        supportFetchAPI: true,
        bypassCSP: false,
      },
    });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol, serveAppFile } from './app-protocol.js';
import { CONTENT_SECURITY_POLICY } from './security.js';

// Created at collection time: the case tables below name paths inside it.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
let uiDir: string;

beforeAll(() => {
  uiDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(uiDir, 'assets'), { recursive: true });
  fs.mkdirSync(path.join(uiDir, 'fonts.d'));
  fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>学习站</title>');
  fs.writeFileSync(path.join(uiDir, 'assets', 'index-abc.js'), 'console.log("kiosk")');
  fs.writeFileSync(path.join(uiDir, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  fs.writeFileSync(path.join(root, 'secret.txt'), 'station.db lives next door');
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(uiDir, 'assets', 'link.txt'));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) => serveAppFile(new Request(url, init), uiDir);

describe('serveAppFile', () => {
  it('serves index.html for the root with the kiosk’s CSP', async () => {
    const res = await get('app://kiosk/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('<!doctype html><title>学习站</title>');
  });

  it('serves bundle files with their types', async () => {
    const js = await get('app://kiosk/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log("kiosk")');
    const font = await get('app://kiosk/assets/font.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(
      new Uint8Array([0x77, 0x4f, 0x46, 0x32]),
    );
  });

  it('answers a path without an extension with index.html (the UI routes itself)', async () => {
    const res = await get('app://kiosk/organizer/members');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('学习站');
  });

  it.each([
    'app://kiosk/../secret.txt',
    'app://kiosk/..%2fsecret.txt',
    'app://kiosk/assets/..%2f..%2fsecret.txt',
    'app://kiosk/%2e%2e/secret.txt',
    'app://kiosk/assets%5c..%5c..%5csecret.txt',
    'app://kiosk/assets/link.txt',
    `app://kiosk/${encodeURIComponent(path.join(root, 'secret.txt'))}`,
    'app://kiosk/missing.js',
    'app://kiosk/fonts.d',
    'app://kiosk/index.html%00.js',
    'app://kiosk/%E0%A4%A',
    'app://other/index.html',
  ])('answers %s with 404 and never the file next door', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('station.db');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://kiosk/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('answers HEAD with headers and no body', async () => {
    const res = await get('app://kiosk/index.html', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(
      String(Buffer.byteLength('<!doctype html><title>学习站</title>')),
    );
    expect(await res.text()).toBe('');
  });
});

describe('registerAppProtocol', () => {
  it('handles the app scheme from the given directory', async () => {
    const protocol = { handle: vi.fn() };
    registerAppProtocol(protocol, uiDir);
    expect(protocol.handle).toHaveBeenCalledOnce();
    const [scheme, handler] = protocol.handle.mock.calls[0] as [
      string,
      (r: Request) => Promise<Response>,
    ];
    expect(scheme).toBe('app');
    const res = await handler(new Request('app://kiosk/assets/index-abc.js'));
    expect(await res.text()).toBe('console.log("kiosk")');
  });

  it('registers app as a standard, secure scheme that fetch may use', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
    });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.corsEnabled).toBeFalsy();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../common/contract.js';
import type { Result } from '../common/result.js';
import type { ApiHost } from '../station/api/dispatch.js';
import type { Handlers } from '../station/api/handlers.js';
import { openStation, type Station } from '../station/service.js';
import { registerIpc } from './ipc.js';

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;

let dataDir: string;
let station: Station;
let host: ApiHost;
let handled: string[];
const listeners = new Map<string, Listener>();
const ipcMain = {
  handle: vi.fn((channel: string, listener: Listener) => void listeners.set(channel, listener)),
  removeHandler: vi.fn((channel: string) => void listeners.delete(channel)),
};

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  detached: boolean;
  processId: number;
  frameToken: string;
}
const frame = (url: string, token: string, parent: FakeFrame | null = null): FakeFrame => ({
  url,
  parent,
  detached: false,
  processId: 4,
  frameToken: token,
});

const kioskFrame = frame('app://kiosk/index.html', 'main');
const kiosk = { mainFrame: kioskFrame } as unknown as WebContents;
const otherFrame = frame('app://kiosk/index.html', 'other-main');
const otherWindow = { mainFrame: otherFrame } as unknown as WebContents;

const event = (sender: WebContents, senderFrame: FakeFrame | null) =>
  ({ sender, senderFrame }) as unknown as IpcMainInvokeEvent;

function call(method: MethodName, input: unknown, e = event(kiosk, kioskFrame)) {
  const listener = listeners.get(`station:${method}`);
  if (!listener) throw new Error(`no handler for ${method}`);
  return listener(e, input);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-ipc-'));
  station = await openStation({ dataDir, demo: true });
  // The real station's handlers, with a record of which ones actually ran.
  const handlers = Object.fromEntries(
    METHOD_NAMES.map((m) => [
      m,
      (input: never) => {
        handled.push(m);
        return (station.handlers[m] as (i: never) => unknown)(input);
      },
    ]),
  ) as unknown as Handlers;
  host = { handlers, language: () => station.language() };
  registerIpc(ipcMain, host, (contents) => contents === kiosk);
});

afterAll(async () => {
  await station.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  handled = [];
});

describe('registerIpc', () => {
  it('answers one channel per contract method, named station:<method>', () => {
    expect([...listeners.keys()].sort()).toEqual(METHOD_NAMES.map((m) => `station:${m}`).sort());
  });

  it('passes a call from the kiosk’s main frame to the real station and returns its Result', async () => {
    const result = await call('getHome', {});
    expect(result.ok).toBe(true);
    expect(result).toMatchObject({
      ok: true,
      value: { setupRequired: false, timeZone: 'Asia/Shanghai' },
    });
    expect(handled).toEqual(['getHome']);
  });

  it('leaves validation to the station: a bad argument comes back as BAD_REQUEST', async () => {
    const result = await call('unlock', { role: 'mayor', pin: '1234' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(handled).toEqual([]);
  });

  it('carries the station’s own failures across as values (a wrong PIN)', async () => {
    const result = await call('unlock', { role: 'organizer', pin: '0000' });
    expect(result).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    expect(result.ok === false && result.error.message).toMatch(/密码错误/);
  });

  it('unlocks with the demo organizer PIN and then serves the grant-protected overview', async () => {
    const unlocked = await call('unlock', { role: 'organizer', pin: '1234' });
    expect(unlocked.ok).toBe(true);
    const grant = (unlocked as { value: { grant: string } }).value.grant;
    const overview = await call('getOrganizerOverview', { grant });
    expect(overview).toMatchObject({ ok: true, value: { memberCount: expect.any(Number) } });
  });

  describe.each([
    ['a foreign page in the kiosk window', event(kiosk, frame('https://evil.example/', 'main'))],
    ['a file:// page', event(kiosk, frame('file:///tmp/x.html', 'main'))],
    [
      'an iframe of the kiosk page',
      event(kiosk, frame('app://kiosk/index.html', 'child', kioskFrame)),
    ],
    [
      'a frame that is not the window’s main frame',
      event(kiosk, frame('app://kiosk/index.html', 'x')),
    ],
    ['another window showing the kiosk page', event(otherWindow, otherFrame)],
    ['a frame that has gone (navigated away)', event(kiosk, null)],
    ['a detached frame', event(kiosk, { ...kioskFrame, detached: true })],
  ])('from %s', (_name, e) => {
    it('refuses with UNAUTHORIZED and runs no handler', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const result = await call('getHome', {}, e);
      warn.mockRestore();
      expect(result).toEqual({
        ok: false,
        error: { code: 'UNAUTHORIZED', message: expect.stringContaining('未授权') },
      });
      expect(handled).toEqual([]);
    });
  });

  it('can remove every handler again', () => {
    const local = { handle: vi.fn(), removeHandler: vi.fn() };
    const unregister = registerIpc(local, host, () => true);
    expect(local.handle).toHaveBeenCalledTimes(METHOD_NAMES.length);
    unregister();
    expect(local.removeHandler.mock.calls.map((c) => c[0]).sort()).toEqual(
      METHOD_NAMES.map((m) => `station:${m}`).sort(),
    );
  });
});

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../common/contract.js';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string, input: unknown) => ({
      ok: true,
      value: { channel, input },
    })),
    send: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

let exposed: { api: Record<string, (input: unknown) => Promise<unknown>>; mediaBase: string };

beforeAll(async () => {
  await import('./preload.js');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [key, value] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [
    string,
    typeof exposed,
  ];
  expect(key).toBe('station');
  exposed = value;
});

describe('preload', () => {
  it('exposes only the API and the media base', () => {
    expect(Object.keys(exposed).sort()).toEqual(['api', 'mediaBase']);
    expect(exposed.mediaBase).toBe('media://local/');
  });

  it('exposes exactly one named function per contract method, and nothing generic', () => {
    expect(Object.keys(exposed.api).sort()).toEqual([...METHOD_NAMES].sort());
    for (const fn of Object.values(exposed.api)) expect(fn).toBeTypeOf('function');
    expect(Object.isFrozen(exposed.api)).toBe(true);
  });

  it.each(METHOD_NAMES)(
    '%s invokes station:%s with its one argument and returns the reply',
    async (method) => {
      electron.ipcRenderer.invoke.mockClear();
      const fn = exposed.api[method] as (input: unknown, extra?: unknown) => Promise<unknown>;
      const reply = await fn({ grant: 'g'.repeat(16) }, 'smuggled');
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(`station:${method}`, {
        grant: 'g'.repeat(16),
      });
      expect(reply).toEqual({
        ok: true,
        value: { channel: `station:${method}`, input: { grant: 'g'.repeat(16) } },
      });
      expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    },
  );
});

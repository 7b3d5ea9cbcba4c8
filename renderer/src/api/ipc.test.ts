import { describe, expect, it } from 'vitest';
import { StationError } from '../../../common/result.js';
import { TransportError } from './errors.js';
import { createIpcApi, type StationBridge } from './ipc.js';

function bridgeWith(overrides: Partial<StationBridge>): StationBridge {
  return new Proxy(overrides, {
    get: (target, name: string) =>
      target[name as keyof StationBridge] ?? (() => Promise.reject(new Error(`no ${name}`))),
  }) as StationBridge;
}

describe('createIpcApi', () => {
  it('unwraps the Result the preload returns', async () => {
    const api = createIpcApi(
      bridgeWith({ getHome: async () => ({ ok: true, value: { village: 'x' } as never }) }),
    );
    await expect(api.getHome({})).resolves.toEqual({ village: 'x' });
  });

  it('throws the station’s error as a StationError', async () => {
    const api = createIpcApi(
      bridgeWith({
        lock: async () => ({ ok: false, error: { code: 'UNAUTHORIZED', message: '登录已过期' } }),
      }),
    );
    const failure = await api.lock({ grant: 'g'.repeat(16) }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StationError);
    expect(failure).toMatchObject({ code: 'UNAUTHORIZED', message: '登录已过期' });
  });

  it('reports a failed IPC call as a transport failure', async () => {
    const api = createIpcApi(bridgeWith({}));
    await expect(api.listCourses({})).rejects.toBeInstanceOf(TransportError);
  });
});

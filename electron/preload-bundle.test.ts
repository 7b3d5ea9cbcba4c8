import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../common/contract.js';

// Builds the real preload bundle with the real config, as `npm run build` does, into a temp dir.
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preload-bundle-'));
let code = '';

beforeAll(async () => {
  await build({
    configFile: path.resolve(import.meta.dirname, '../vite.preload.config.ts'),
    root: path.resolve(import.meta.dirname, '..'),
    logLevel: 'silent',
    build: { outDir },
  });
  code = fs.readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
}, 60_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('the bundled preload (build/electron/preload.cjs)', () => {
  it('requires nothing but electron, since a sandboxed preload can load nothing else', () => {
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s|^\s*export\s/m);
  });

  it('carries no zod and no schemas', () => {
    expect(code).not.toMatch(/zod|ZodType|safeParse/i);
    expect(code.length).toBeLessThan(8_000);
  });

  it('runs in a bare CommonJS context and exposes the named methods', async () => {
    const exposed: Record<string, unknown> = {};
    const calls: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => (calls.push(args), { ok: true, value: 1 }),
      },
    };
    const module = { exports: {} };
    const sandbox = {
      module,
      exports: module.exports,
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
        return electron;
      },
    };
    vm.runInNewContext(code, sandbox, { filename: 'preload.cjs' });
    const station = exposed.station as {
      api: Record<string, (i: unknown) => Promise<unknown>>;
      mediaBase: string;
    };
    expect(Object.keys(station.api).sort()).toEqual([...METHOD_NAMES].sort());
    expect(station.mediaBase).toBe('media://local/');
    await expect(station.api.unlock?.({ role: 'organizer', pin: '1234' })).resolves.toEqual({
      ok: true,
      value: 1,
    });
    expect(calls).toEqual([['station:unlock', { role: 'organizer', pin: '1234' }]]);
  });
});

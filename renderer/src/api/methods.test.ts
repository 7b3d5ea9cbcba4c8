import { describe, expect, it } from 'vitest';
import { contract } from '../../../common/contract.js';
import { apiFromCaller } from './methods.js';

describe('the renderer’s API object', () => {
  it('has a function for exactly the contract’s methods', () => {
    const api = apiFromCaller(async () => undefined as never);
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).sort());
  });

  it('routes each API function to the caller under its own name', async () => {
    const calls: [string, unknown][] = [];
    const api = apiFromCaller(async (method, input) => {
      calls.push([method, input]);
      return undefined as never;
    });
    await api.lock({ grant: 'g'.repeat(16) });
    await api.getHome({});
    expect(calls).toEqual([
      ['lock', { grant: 'g'.repeat(16) }],
      ['getHome', {}],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../common/contract.js';
import { apiFromCaller, METHOD_LIST } from './methods.js';

describe('the renderer’s method list', () => {
  it('names exactly the contract’s methods', () => {
    expect([...METHOD_LIST].sort()).toEqual([...METHOD_NAMES].sort());
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

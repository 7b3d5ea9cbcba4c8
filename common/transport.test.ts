import { describe, expect, it } from 'vitest';
import { contract } from './contract.js';
import { METHOD_NAMES, channelFor } from './transport.js';

describe('the zod-free method list', () => {
  it('names exactly the contract’s methods, once each', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(contract).sort());
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
  });

  it('gives every method its own IPC channel', () => {
    expect(channelFor('unlock')).toBe('station:unlock');
  });
});

import { describe, expect, it } from 'vitest';
import { playerActionFor, seekTarget, stepVolume } from './keys.js';

describe('player keys', () => {
  it.each([
    ['Enter', 'toggle'],
    [' ', 'toggle'],
    ['MediaPlayPause', 'toggle'],
    ['ArrowLeft', 'back30'],
    ['ArrowRight', 'forward30'],
    ['ArrowUp', 'volumeUp'],
    ['ArrowDown', 'volumeDown'],
    ['N', 'next'],
    ['PageDown', 'next'],
    ['PageUp', 'previous'],
    ['f', 'fullscreen'],
    ['Escape', null],
    ['Backspace', null],
    ['toString', null],
  ])('%j → %j', (key, action) => {
    expect(playerActionFor(key)).toBe(action);
  });

  it('keeps a jump inside the video', () => {
    expect(seekTarget(10, 100, -30)).toBe(0);
    expect(seekTarget(10, 100, 30)).toBe(40);
    expect(seekTarget(90, 100, 30)).toBe(99.5);
    expect(seekTarget(10, Number.NaN, 30)).toBe(40);
  });

  it('steps the volume in tenths between silent and full', () => {
    expect(stepVolume(0.95, 0.1)).toBe(1);
    expect(stepVolume(0.05, -0.1)).toBe(0);
    expect(stepVolume(0.5, 0.1)).toBe(0.6);
  });
});

import { describe, expect, it } from 'vitest';
import { codeOnEnter, EMPTY_SCAN, typed, type ScanState } from './scanner.js';

function typeAll(text: string, start: number, gap: number): ScanState {
  let s = EMPTY_SCAN;
  [...text].forEach((c, i) => (s = typed(s, c, start + i * gap)));
  return s;
}

describe('scanner or person', () => {
  it('a code with digits is a card, whatever the speed', () => {
    const s = typeAll('XY0001', 1000, 150);
    expect(codeOnEnter(s, 1000 + 5 * 150 + 200)).toBe('XY0001');
  });

  it('letters typed by a scanner are a code; by a person, a search', () => {
    expect(codeOnEnter(typeAll('ABCDEF', 0, 5), 40)).toBe('ABCDEF');
    expect(codeOnEnter(typeAll('zgq', 0, 180), 900)).toBeNull();
  });

  it('a pause starts over, and too short a burst is not a code', () => {
    let s = typeAll('XY', 0, 5);
    s = typed(s, '9', 5_000);
    expect(s.chars).toBe('9');
    expect(codeOnEnter(typeAll('X1', 0, 5), 10)).toBeNull();
    expect(codeOnEnter(typeAll('XY0001', 0, 5), 5_000)).toBeNull();
  });
});

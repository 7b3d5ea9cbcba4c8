import { describe, expect, it } from 'vitest';
import { pickNext, type Candidate, type Direction, type Rect } from './spatial.js';

const box = (left: number, top: number, width = 100, height = 100): Rect => ({
  left,
  top,
  width,
  height,
});

// The PIN keypad: 3 columns × 4 rows of 100px keys with 20px gaps.
const keypadLabels = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'del', '0', 'ok'];
const keypad: Candidate<string>[] = keypadLabels.map((id, i) => ({
  id,
  rect: box((i % 3) * 120, Math.floor(i / 3) * 120),
}));
const key = (id: string): Rect => keypad.find((k) => k.id === id)!.rect;
const others = (id: string) => keypad.filter((k) => k.id !== id);

describe('pickNext on the keypad grid', () => {
  const cases: [from: string, direction: Direction, expected: string | null][] = [
    ['5', 'right', '6'],
    ['5', 'left', '4'],
    ['5', 'up', '2'],
    ['5', 'down', '8'],
    ['1', 'right', '2'],
    ['1', 'down', '4'],
    ['1', 'up', null],
    ['1', 'left', null],
    ['3', 'right', null],
    ['8', 'down', '0'],
    ['0', 'up', '8'],
    ['0', 'left', 'del'],
    ['0', 'right', 'ok'],
    ['del', 'up', '7'],
    ['ok', 'up', '9'],
    ['ok', 'down', null],
  ];
  it.each(cases)('from %s going %s → %s', (from, direction, expected) => {
    expect(pickNext(key(from), others(from), direction)).toBe(expected);
  });
});

describe('pickNext on other layouts', () => {
  it('prefers the element straight ahead over a nearer one off to the side', () => {
    const from = box(0, 0);
    const candidates = [
      { id: 'diagonal', rect: box(120, 150) },
      { id: 'aligned-far', rect: box(300, 0) },
    ];
    expect(pickNext(from, candidates, 'right')).toBe('aligned-far');
  });

  it('picks the nearer of two elements in the same row', () => {
    const from = box(0, 0);
    const candidates = [
      { id: 'far', rect: box(500, 0) },
      { id: 'near', rect: box(150, 0) },
    ];
    expect(pickNext(from, candidates, 'right')).toBe('near');
  });

  it('still moves when the focused element is scaled up and overlaps its neighbour', () => {
    // A 100px tile scaled 1.1 around its centre, next to one 10px away.
    const from = box(-5, -5, 110, 110);
    const candidates = [{ id: 'neighbour', rect: box(110, 0) }];
    expect(pickNext(from, candidates, 'right')).toBe('neighbour');
    expect(pickNext(box(110, 0), [{ id: 'back', rect: from }], 'left')).toBe('back');
  });

  it('reaches an element in another row when nothing is in line, e.g. a header button', () => {
    const tiles = box(0, 600, 300, 200);
    const header = { id: 'language', rect: box(1500, 40, 300, 100) };
    expect(pickNext(tiles, [header], 'up')).toBe('language');
    expect(pickNext(tiles, [header], 'right')).toBe('language');
  });

  it('from a wide card moving down picks the tile under its middle', () => {
    const card = box(0, 0, 1200, 300);
    const tiles = [
      { id: 'left', rect: box(0, 400, 380, 200) },
      { id: 'middle', rect: box(410, 400, 380, 200) },
      { id: 'right', rect: box(820, 400, 380, 200) },
    ];
    expect(pickNext(card, tiles, 'down')).toBe('middle');
  });

  it('ignores elements with no size (hidden) and elements that contain the start', () => {
    const from = box(100, 100);
    const candidates = [
      { id: 'hidden', rect: box(300, 100, 0, 0) },
      { id: 'container', rect: box(0, 0, 1000, 1000) },
    ];
    expect(pickNext(from, candidates, 'right')).toBeNull();
  });

  it('returns null with no candidates', () => {
    expect(pickNext(box(0, 0), [], 'down')).toBeNull();
  });
});

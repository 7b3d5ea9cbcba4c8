import { describe, expect, it } from 'vitest';
import { evaluate, formatGoal, machineSummary, median, renderMarkdown } from './report.mjs';

describe('median', () => {
  it.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 1000], 10],
  ])('%j → %d', (values, m) => {
    expect(median(values)).toBe(m);
  });
  it('refuses no values', () => {
    expect(() => median([])).toThrow();
  });
});

describe('evaluate', () => {
  const base = { name: 'x', unit: 'ms' };
  it.each([
    [{ figure: 150, reference: 100, goal: { maxRatio: 1.5 } }, 1.5, true],
    [{ figure: 151, reference: 100, goal: { maxRatio: 1.5 } }, 1.51, false],
    [{ figure: 90, reference: null, goal: { maxRatio: 1.5 } }, null, false],
    [{ figure: 119.9, reference: 40, goal: { max: 120 } }, 119.9 / 40, true],
    [{ figure: 121, reference: null, goal: { max: 120 } }, null, false],
  ])('%j → ratio %s, pass %s', (row, ratio, pass) => {
    const out = evaluate({ ...base, ...row });
    expect(out.pass).toBe(pass);
    if (ratio === null) expect(out.ratio).toBeNull();
    else expect(out.ratio).toBeCloseTo(ratio);
  });
  it('refuses a row without a goal', () => {
    expect(() => evaluate({ ...base, figure: 1, reference: 1, goal: {} })).toThrow(/no goal/);
  });
});

describe('renderMarkdown', () => {
  const machine = machineSummary({
    cpuModel: ' Intel(R) Xeon(R) CPU @ 2.20GHz ',
    cores: 2,
    totalMemBytes: 8 * 1024 ** 3,
    nodeVersion: 'v20.20.2',
    date: '2026-11-26',
  });
  it('describes the machine', () => {
    expect(machine).toBe(
      'Intel(R) Xeon(R) CPU @ 2.20GHz, 2 cores, 8.0 GB RAM, Node v20.20.2, 2026-11-26',
    );
  });
  it('writes one table row per benchmark with figure, reference, ratio, goal and verdict', () => {
    const rows = [
      evaluate({
        name: 'kiosk cold start',
        figure: 420,
        reference: 300,
        referenceLabel: 'bare Vite React page',
        unit: 'ms',
        goal: { maxRatio: 1.5 },
      }),
      evaluate({ name: 'service RSS', figure: 130, reference: 45, unit: 'MB', goal: { max: 120 } }),
    ];
    const md = renderMarkdown({ rows, machine, notes: ['medians of 7 runs'] });
    const table = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    expect(table[0]).toBe('| benchmark | figure | reference | ratio | goal | result | machine |');
    expect(table[1]).toBe(
      `| kiosk cold start | 420 ms | 300 ms (bare Vite React page) | 1.40× | ≤ 1.5× | pass | ${machine} |`,
    );
    expect(table[2]).toBe(
      `| service RSS | 130 MB | 45.0 MB | 2.89× | ≤ 120 MB | **FAIL** | ${machine} |`,
    );
    expect(md).toContain('- medians of 7 runs');
  });
  it('formats goals', () => {
    expect(formatGoal({ unit: 'MB', goal: { max: 120 } })).toBe('≤ 120 MB');
    expect(formatGoal({ unit: 'ms', goal: { maxRatio: 1.5 } })).toBe('≤ 1.5×');
  });
});

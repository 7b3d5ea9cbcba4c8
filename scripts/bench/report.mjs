// Pure parts of `npm run bench`: statistics, pass/fail against goals, the machine line and the
// BENCHMARKS.md table. Table-tested in report.test.mjs.

export function median(values) {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A measured row → its ratio and verdict. Goals are either `{ maxRatio }` (figure / reference)
 * or `{ max }` (the figure itself, in the row's unit).
 * @param {{ name: string, figure: number, reference: number | null, unit: string,
 *   referenceLabel?: string, goal: { maxRatio?: number, max?: number } }} row
 */
export function evaluate(row) {
  const ratio = row.reference ? row.figure / row.reference : null;
  let pass;
  if (row.goal.maxRatio !== undefined) pass = ratio !== null && ratio <= row.goal.maxRatio;
  else if (row.goal.max !== undefined) pass = row.figure <= row.goal.max;
  else throw new Error(`benchmark ${row.name} has no goal`);
  return { ...row, ratio, pass };
}

const fmt = (value, unit) => {
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${unit}`;
};

export function formatGoal(row) {
  if (row.goal.maxRatio !== undefined) return `≤ ${row.goal.maxRatio}×`;
  return `≤ ${fmt(row.goal.max, row.unit)}`;
}

export function machineSummary({ cpuModel, cores, totalMemBytes, nodeVersion, date }) {
  const gb = (totalMemBytes / 1024 ** 3).toFixed(1);
  return `${cpuModel.trim()}, ${cores} cores, ${gb} GB RAM, Node ${nodeVersion}, ${date}`;
}

/** The whole BENCHMARKS.md: how to rerun, the table, and per-benchmark notes. */
export function renderMarkdown({ rows, machine, notes = [] }) {
  const cell = (s) => String(s).replaceAll('|', '\\|');
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (never part of `npm test`); do not edit by hand. Each figure is',
    'measured beside its reference in the same run on the same machine.',
    '',
    `Machine: ${machine}`,
    '',
    '| benchmark | figure | reference | ratio | goal | result | machine |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const reference =
      row.reference === null
        ? '—'
        : `${fmt(row.reference, row.unit)}${row.referenceLabel ? ` (${row.referenceLabel})` : ''}`;
    lines.push(
      `| ${[
        row.name,
        fmt(row.figure, row.unit),
        reference,
        row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`,
        formatGoal(row),
        row.pass ? 'pass' : '**FAIL**',
        machine,
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  }
  if (notes.length > 0)
    lines.push('', '## How each figure is measured', '', ...notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

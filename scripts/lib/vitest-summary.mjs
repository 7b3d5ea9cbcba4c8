// Turns vitest's JSON report into the closing line of `npm test`.

/**
 * A file that fails to load (syntax error, throwing import) has no failed assertions but fails the
 * run, so it is counted as one failure; otherwise the line would read "0 failed" on a red run.
 * @param {any} report vitest's --reporter=json output
 */
export function summarize(report) {
  const passed = report.numPassedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  let failed = report.numFailedTests ?? 0;
  for (const file of report.testResults ?? []) {
    const failedInside = (file.assertionResults ?? []).some((a) => a.status === 'failed');
    if (file.status === 'failed' && !failedInside) failed += 1;
  }
  return { passed, failed, skipped };
}

export function closingLine({ passed, failed, skipped }) {
  return `tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

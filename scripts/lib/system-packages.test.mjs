import { describe, expect, it } from 'vitest';
import { isDebianLike, planSystemPackages, WITHOUT_RECOMMENDS } from './system-packages.mjs';
import { closingLine, summarize } from './vitest-summary.mjs';

const chromium = { pkg: 'chromium', why: 'e2e' };
const sqlite = { pkg: 'sqlite3', why: 'cli' };

describe('planSystemPackages', () => {
  it.each([
    [{ missing: [], isRoot: false, debianLike: false, hasAptGet: false }, 'none'],
    [{ missing: [chromium], isRoot: true, debianLike: true, hasAptGet: true }, 'install'],
    [{ missing: [chromium], isRoot: false, debianLike: true, hasAptGet: true }, 'fail'],
    [{ missing: [chromium], isRoot: true, debianLike: false, hasAptGet: false }, 'fail'],
    [{ missing: [chromium], isRoot: true, debianLike: true, hasAptGet: false }, 'fail'],
  ])('%j → %s', (facts, action) => {
    expect(planSystemPackages(facts).action).toBe(action);
  });
  it('installs every missing package in one go', () => {
    const plan = planSystemPackages({
      missing: [chromium, sqlite],
      isRoot: true,
      debianLike: true,
      hasAptGet: true,
    });
    expect(plan).toEqual({ action: 'install', packages: ['chromium', 'sqlite3'] });
  });
  it('names each missing package and the apt-get command when it cannot install', () => {
    const plan = planSystemPackages({
      missing: [chromium, sqlite],
      isRoot: false,
      debianLike: true,
      hasAptGet: true,
    });
    expect(plan.message).toContain('chromium');
    expect(plan.message).toContain('apt-get install -y chromium sqlite3');
  });
});

describe('WITHOUT_RECOMMENDS', () => {
  it('keeps CUPS and LibreOffice lean (no filters, drivers, avahi or Java) and Chromium whole', () => {
    expect([...WITHOUT_RECOMMENDS].sort()).toEqual([
      'cups-client',
      'cups-daemon',
      'libreoffice-calc-nogui',
    ]);
  });
});

describe('isDebianLike', () => {
  it.each([
    ['ID=debian\nVERSION_ID="12"\n', true],
    ['ID=ubuntu\nID_LIKE=debian\n', true],
    ['ID=linuxmint\nID_LIKE="ubuntu debian"\n', true],
    ['ID="fedora"\n', false],
    ['ID=alpine\n', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isDebianLike(text)).toBe(expected);
  });
});

describe('vitest summary', () => {
  it('counts passed, failed and skipped tests', () => {
    const report = {
      numPassedTests: 7,
      numFailedTests: 2,
      numPendingTests: 1,
      numTodoTests: 1,
      testResults: [{ status: 'failed', assertionResults: [{ status: 'failed' }] }],
    };
    expect(closingLine(summarize(report))).toBe('tests: 7 passed, 2 failed, 2 skipped');
  });
  it('counts a test file that failed to load as a failure', () => {
    const report = {
      numPassedTests: 3,
      numFailedTests: 0,
      testResults: [
        { status: 'failed', assertionResults: [] },
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    };
    expect(closingLine(summarize(report))).toBe('tests: 3 passed, 1 failed');
  });
});

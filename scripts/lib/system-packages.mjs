// The system packages the test suite needs, and what to do when some are missing. Pure apart from
// `probeSystemPackages`, so the decision is table-tested in system-packages.test.ts.
import fs from 'node:fs';
import { commandExists } from './run.mjs';

/** Debian package → how to tell it is installed. Add a row when a test starts using a tool. */
export const SYSTEM_PACKAGES = [
  {
    pkg: 'chromium',
    why: 'end-to-end tests drive /usr/bin/chromium with playwright-core',
    present: () => fs.existsSync('/usr/bin/chromium'),
  },
  {
    pkg: 'sqlite3',
    why: 'integration tests inspect station.db with the sqlite3 command-line tool',
    present: () => commandExists('sqlite3'),
  },
  // The export tests open the CSV and XLSX exports in LibreOffice Calc (soffice --convert-to), as a
  // county clerk would; the no-GUI build is all a headless conversion needs.
  {
    pkg: 'libreoffice-calc-nogui',
    why: 'export tests convert the CSV and XLSX exports with soffice --headless',
    present: () => commandExists('soffice'),
    withoutRecommends: true,
  },
  // The printing tests start their own cupsd and print through lp; the daemon and the clients are
  // all they need (no filters or drivers), so these go in without their recommended packages.
  {
    pkg: 'cups-daemon',
    why: 'printing tests run a private CUPS scheduler (/usr/sbin/cupsd)',
    present: () => fs.existsSync('/usr/sbin/cupsd'),
    withoutRecommends: true,
  },
  {
    pkg: 'cups-client',
    why: 'the station prints with lp and lists printers with lpstat',
    present: () => commandExists('lp') && commandExists('lpstat') && commandExists('lpadmin'),
    withoutRecommends: true,
  },
];

/** Packages installed with --no-install-recommends (a daemon's recommends pull in a desktop's worth). */
export const WITHOUT_RECOMMENDS = new Set(
  SYSTEM_PACKAGES.filter((p) => p.withoutRecommends).map((p) => p.pkg),
);

/** Reads /etc/os-release: true on Debian, Ubuntu and their derivatives. */
export function isDebianLike(osRelease) {
  if (!osRelease) return false;
  const field = (name) => osRelease.match(new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm'))?.[1] ?? '';
  const ids = `${field('ID')} ${field('ID_LIKE')}`.split(/\s+/);
  return ids.includes('debian') || ids.includes('ubuntu');
}

/**
 * @param {{ missing: { pkg: string, why: string }[], isRoot: boolean, debianLike: boolean,
 *   hasAptGet: boolean }} facts
 * @returns {{ action: 'none' } | { action: 'install', packages: string[] } |
 *   { action: 'fail', message: string }}
 */
export function planSystemPackages({ missing, isRoot, debianLike, hasAptGet }) {
  if (missing.length === 0) return { action: 'none' };
  const packages = missing.map((m) => m.pkg);
  if (debianLike && hasAptGet && isRoot) return { action: 'install', packages };
  const lines = missing.map((m) => `  - ${m.pkg}: ${m.why}`);
  const how = debianLike
    ? `Install with: sudo apt-get install -y ${packages.join(' ')}  (or run npm test as root)`
    : `Install ${packages.length > 1 ? 'them' : 'it'} with your system's package manager ` +
      '(Debian/Ubuntu package names shown).';
  return {
    action: 'fail',
    message: ['The tests need system packages that are not installed:', ...lines, how].join('\n'),
  };
}

/** Collects the facts planSystemPackages decides on, from this machine. */
export function probeSystemPackages() {
  let osRelease = '';
  try {
    osRelease = fs.readFileSync('/etc/os-release', 'utf8');
  } catch {
    // Not Linux, or a minimal image without os-release: treated as "not Debian".
  }
  return {
    missing: SYSTEM_PACKAGES.filter((p) => !p.present()).map(({ pkg, why }) => ({ pkg, why })),
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    debianLike: process.platform === 'linux' && isDebianLike(osRelease),
    hasAptGet: commandExists('apt-get'),
  };
}

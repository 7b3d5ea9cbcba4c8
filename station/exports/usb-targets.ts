import fs from 'node:fs';
import path from 'node:path';
import type { ExportTarget } from '../../common/contract-exports.js';
import { freeBytes } from '../disk.js';

/** Where desktop Linux and udisks mount USB sticks. */
const REMOVABLE_ROOTS = ['/media/', '/run/media/', '/mnt/'];

/** Mount points under the removable roots, from /proc/mounts text (octal escapes decoded). */
export function removableMountPoints(mounts: string, roots = REMOVABLE_ROOTS): string[] {
  const points = new Set<string>();
  for (const line of mounts.split('\n')) {
    const field = line.split(' ')[1];
    if (!field) continue;
    const point = field.replace(/\\([0-7]{3})/g, (_m, o: string) =>
      String.fromCharCode(parseInt(o, 8)),
    );
    if (roots.some((r) => point.startsWith(r))) points.add(point);
  }
  return [...points];
}

function describe(dir: string): ExportTarget | null {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return { path: dir, label: path.basename(dir) || dir, freeBytes: freeBytes(dir) };
  } catch {
    return null; // read-only or gone: not a place the organizer can choose
  }
}

/**
 * Mounted removable volumes: mount points under the removable roots, plus the directories in
 * STATION_EXPORT_TARGETS (path-list; for terminals that mount sticks elsewhere, and for tests).
 * Readable or not is the caller's concern: exports need to write, course import only reads.
 */
export function listRemovableVolumes(env: NodeJS.ProcessEnv = process.env): string[] {
  let mounts = '';
  try {
    mounts = fs.readFileSync('/proc/mounts', 'utf8');
  } catch {
    // not Linux: only the configured directories
  }
  const extra = (env.STATION_EXPORT_TARGETS ?? '').split(path.delimiter).filter(Boolean);
  return [...new Set([...removableMountPoints(mounts), ...extra.map((d) => path.resolve(d))])];
}

/**
 * The places an organizer may export to: the writable removable volumes.
 * The list is also the allow-list: the kiosk cannot be made to write anywhere else.
 */
export function listExportTargets(env: NodeJS.ProcessEnv = process.env): ExportTarget[] {
  return listRemovableVolumes(env)
    .map(describe)
    .filter((t): t is ExportTarget => t !== null);
}

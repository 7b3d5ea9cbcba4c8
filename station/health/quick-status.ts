import os from 'node:os';
import type { Grade } from '../../common/contract.js';
import { freeBytes } from '../disk.js';

/**
 * The two dots on the home screen. Deliberately cheap (called on every home refresh); the full
 * graded health snapshot belongs to the health issue and will replace these readings.
 */
export function networkGrade(
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): Grade {
  const external = Object.values(interfaces)
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i && !i.internal);
  return external.length > 0 ? 'ok' : 'fail';
}

/** Free space on the data volume: under 1 GiB warns, under 200 MiB fails (records need room). */
export function diskGrade(freeBytes: number): Grade {
  if (freeBytes < 200 * 1024 ** 2) return 'fail';
  if (freeBytes < 1024 ** 3) return 'warn';
  return 'ok';
}

export function dataVolumeGrade(dataDir: string): Grade {
  try {
    return diskGrade(freeBytes(dataDir));
  } catch {
    return 'unknown';
  }
}

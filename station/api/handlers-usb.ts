import { createUsbImporter } from '../content/usb-import.js';
import { listRemovableVolumes } from '../exports/usb-targets.js';
import type { UsbCourseFolder } from '../../common/contract-usb.js';
import type { HandlerContext } from './handlers.js';

/**
 * StationApi methods of the kiosk's course import from a USB stick (common/contract-usb.ts).
 * The volumes are the export's (mounted removable media, plus STATION_EXPORT_TARGETS).
 */
export function createUsbHandlers(
  ctx: HandlerContext,
  opts: { volumes?: () => string[] } = {},
): {
  peekUsbCourses(input: Record<string, never>): { version: number | null };
  findUsbCourses(input: { grant: string }): { folders: UsbCourseFolder[] };
  importUsbCourses(input: {
    grant: string;
    dir: string;
  }): Promise<{ started: boolean; version: number }>;
} {
  const { db, clock, grants } = ctx;
  const volumes = opts.volumes ?? (() => listRemovableVolumes());
  const importer = createUsbImporter(db, clock);
  return {
    peekUsbCourses: () => {
      const offered = importer
        .find(volumes())
        .filter((f) => f.verdict === 'newer' || f.verdict === 'resume')
        .map((f) => f.version ?? 0);
      return { version: offered.length > 0 ? Math.max(...offered) : null };
    },
    findUsbCourses: ({ grant }) => {
      grants.require(grant, 'organizer', 'technician');
      return { folders: importer.find(volumes()) };
    },
    importUsbCourses: ({ grant, dir }) => {
      grants.require(grant, 'organizer', 'technician');
      return importer.start(volumes(), dir);
    },
  };
}

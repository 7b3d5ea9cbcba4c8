/**
 * StationApi methods for course import from a USB stick in the kiosk (issue 6, "USB"): the
 * organizer page looks for a published folder on a mounted stick and imports it on request.
 * Spread into `contract` in contract.ts.
 */
import { z } from 'zod';
import type { ManifestRefusal } from './manifest.js';
import { Grant, method } from './contract-method.js';

/** Why a folder on a stick cannot be imported, as the kiosk explains it in plain words. */
export type UsbRefusal = ManifestRefusal | 'incomplete' | 'unreadable';

export interface UsbCourseFolder {
  /** The published folder (holding manifest.json and manifest.json.sig). */
  dir: string;
  /** The stick's name, as the organizer knows it. */
  stick: string;
  /** The folder's manifest version, or null when it could not be read. */
  version: number | null;
  courseCount: number;
  /**
   * 'newer': can be imported; 'resume': the version already accepted, whose files the station
   * still lacks; 'same': nothing new; 'refused': see `refusal` and `message`.
   */
  verdict: 'newer' | 'resume' | 'same' | 'refused';
  refusal: UsbRefusal | null;
  /** The full reason in the station's language, or null. */
  message: string | null;
}

export const usbMethods = {
  /**
   * For the home screen's gentle hint, without a PIN: the newest version a stick offers that the
   * station could import, or null. Names no folder: only the organizer's page may act on it.
   */
  peekUsbCourses: method<{ version: number | null }>()(z.object({}).strict()),
  /** Published course folders on the mounted sticks; cheap (reads the manifests, hashes nothing). */
  findUsbCourses: method<{ folders: UsbCourseFolder[] }>()(z.object({ grant: Grant }).strict()),
  /** Starts importing one found folder in the background; progress as getContentStatus. */
  importUsbCourses: method<{ started: boolean; version: number }>()(
    z.object({ grant: Grant, dir: z.string().min(1).max(4096) }).strict(),
  ),
};

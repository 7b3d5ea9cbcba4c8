/**
 * StationApi methods of the course content cache (issue 6): the sync progress the technician
 * console shows. Spread into `contract` in contract.ts.
 */
import { z } from 'zod';
import { Grant, method } from './contract-method.js';

export interface ContentTransferFigures {
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond: number;
  /** Seconds left at the current rate, or null when there is no rate yet. */
  etaSeconds: number | null;
}

export interface ContentSyncProgress {
  /** 'interrupted': the process running the sync is gone without finishing. */
  state: 'running' | 'done' | 'incomplete' | 'refused' | 'failed' | 'interrupted';
  /** The published folder's URL, or the USB folder. */
  source: string;
  pid: number;
  startedAt: string;
  updatedAt: string;
  /** Why a run stopped (already in the station's language), or null. */
  message: string | null;
  overall: ContentTransferFigures;
  files: (ContentTransferFigures & {
    path: string;
    state: 'waiting' | 'downloading' | 'verified' | 'failed';
  })[];
}

export interface ContentStatus {
  /** Version of the manifest being served, and of the newest accepted one (being fetched). */
  activeVersion: number | null;
  acceptedVersion: number | null;
  /** The latest sync or import run, or null when there has been none. */
  progress: ContentSyncProgress | null;
}

export const contentMethods = {
  getContentStatus: method<ContentStatus>()(z.object({ grant: Grant }).strict()),
};

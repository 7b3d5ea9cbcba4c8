/**
 * The sandboxed preload: the only code that runs with both the page and ipcRenderer in reach.
 * vite.preload.config.ts bundles it into build/electron/preload.cjs, since a sandboxed preload can
 * require nothing but 'electron'. Being an entry point, exposing the bridge on load is its job.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge, MEDIA_BASE, type StationGlobal } from './bridge.js';

const station = {
  api: buildBridge((channel, input) => ipcRenderer.invoke(channel, input)),
  mediaBase: MEDIA_BASE,
} satisfies StationGlobal;

contextBridge.exposeInMainWorld('station', station);

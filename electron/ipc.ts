/**
 * Transport A: the station's API over Electron IPC. One `ipcMain.handle` per contract method on
 * channel `station:<method>`. The shell only checks who is calling; the argument is validated by
 * the station's own dispatch, exactly as for the loopback HTTP transport.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { METHOD_NAMES } from '../common/contract.js';
import type { Result } from '../common/result.js';
import { dispatch, type ApiHost } from '../station/api/dispatch.js';
import { StationFailure, toErrorBody } from '../station/errors.js';
import { translator } from '../station/i18n/index.js';
import { channelFor } from './bridge.js';
import { isTrustedSender } from './security.js';

/** True for the web contents of the kiosk window (main.ts knows which one that is). */
export type IsKioskContents = (contents: WebContents) => boolean;

function sameFrame(a: WebFrameMain, b: WebFrameMain): boolean {
  return a === b || (a.processId === b.processId && a.frameToken === b.frameToken);
}

/**
 * A call is honoured only from the main frame of the kiosk window while it shows the kiosk's own
 * bundle: not from an iframe (even a same-origin one), another window, or a page that navigated
 * away (Electron then reports no sender frame at all).
 */
export function isTrustedEvent(
  event: IpcMainInvokeEvent,
  isKioskContents: IsKioskContents,
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.detached || frame.parent !== null) return false;
  if (!isKioskContents(event.sender)) return false;
  if (!sameFrame(frame, event.sender.mainFrame)) return false;
  return isTrustedSender(frame.url);
}

function unauthorized(host: ApiHost): Result<never> {
  let t = translator('zh-CN');
  try {
    t = translator(host.language());
  } catch {
    // An unreadable setting must not turn a refusal into a crash; answer in Chinese.
  }
  return { ok: false, error: toErrorBody(new StationFailure('UNAUTHORIZED', 'unauthorized'), t) };
}

/** Registers every method's handler; returns a function that removes them again. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  host: ApiHost,
  isKioskContents: IsKioskContents,
): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelFor(method), async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedEvent(event, isKioskContents)) {
        console.warn(
          `[electron] refused ${method} from ${event.senderFrame?.url ?? 'a gone frame'}`,
        );
        return unauthorized(host);
      }
      const { body } = await dispatch(host, method, input);
      return body;
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(channelFor(method));
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { openStation } from '../../service.js';
import { clockFromEnv } from '../../clock.js';
import { startLoopbackServer } from '../../http/server.js';
import { parseLanAddress, startLanApi, type LanServer } from '../../http/lan-api.js';
import { StationFailure } from '../../errors.js';
import { dispatch } from '../../api/dispatch.js';
import { openFileLog } from '../../log.js';
import { appRoot, appVersion, resolveDataDir } from '../../paths.js';
import { parseCommand, type CommandContext } from '../context.js';

export const DEFAULT_PORT = 17380;

export function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new StationFailure('BAD_REQUEST', 'portInvalid', { port: text });
  }
  return port;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (sig: NodeJS.Signals) => {
      process.off('SIGTERM', done);
      process.off('SIGINT', done);
      resolve(sig);
    };
    process.on('SIGTERM', done);
    process.on('SIGINT', done);
  });
}

/**
 * `station serve [--port N] [--lan ADDRESS:PORT]`: the service and the loopback kiosk UI without
 * a window, and, only when --lan names an address, the read-only LAN pull API there. The first
 * stdout line is `ready <url>` (scripts and the launcher wait for it); SIGTERM checkpoints the
 * database and exits 0.
 */
export async function serveCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values } = parseCommand(args, { port: { type: 'string' }, lan: { type: 'string' } });
  const port = parsePort(values.port);
  const lanAddress = values.lan === undefined ? null : parseLanAddress(values.lan);
  const uiDir = path.join(appRoot(), 'dist', 'renderer');
  if (!fs.existsSync(path.join(uiDir, 'index.html'))) {
    io.stderr(`[station] UI not built at ${uiDir}: run npm run build`);
  }
  const station = await openStation({
    dataDir: resolveDataDir(values.data, io.env),
    clock: clockFromEnv(io.env),
    log: io.stderr,
  });
  const log = openFileLog(station.dataDir, { clock: station.clock });
  station.log = log;
  io.stderr(`[jobs] at start: ${JSON.stringify(station.jobsAtStart)}`);
  let server;
  let lan: LanServer | null = null;
  try {
    server = await startLoopbackServer(station, { port, uiDir });
    if (lanAddress) lan = await startLanApi(station.db, station.clock, lanAddress);
  } catch (err) {
    log.log('error', 'serve.failed', { detail: err instanceof Error ? err.message : String(err) });
    await server?.close();
    await station.close();
    throw err;
  }
  log.log('info', 'serve.started', { port: server.port, version: appVersion() });
  // Answer the kiosk's first question once before announcing ready: the first call pays for
  // loading the translations and schema locales, and the screen should not wait for that.
  await dispatch(station, 'getHome', {});
  io.stdout(`ready ${server.url}`);
  io.stderr(t('cli.serving', { url: `http://127.0.0.1:${server.port}/` }));
  if (lan) io.stderr(t('exports.lan.serving', { url: lan.url }));
  await untilSignal();
  io.stderr(t('cli.stopping'));
  await server.close();
  log.log('info', 'serve.stopped', {});
  await lan?.close();
  await station.close();
  return 0;
}

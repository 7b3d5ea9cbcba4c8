import http from 'node:http';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { TOKEN_HEADER, TOKEN_QUERY } from '../../common/transport.js';
import type { Result } from '../../common/result.js';
import { dispatch } from '../api/dispatch.js';
import { StationFailure, toErrorBody } from '../errors.js';
import { translator } from '../i18n/index.js';
import type { Station } from '../service.js';
import { isAllowedHost, newLaunchToken, tokenMatches } from './guards.js';
import { serveMedia } from './media.js';
import { sendJson } from './send-json.js';
import { answerUiFile, SECURITY_HEADERS, type UiAnswer } from './ui-files.js';

export interface LoopbackServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export interface LoopbackOptions {
  port: number;
  uiDir: string;
  /** Fixed token for tests; a fresh random one per launch otherwise. */
  token?: string;
}

const MAX_BODY = 1024 * 1024;

/** The kiosk's /rpc/ answers: a Result, with the kiosk's security headers. */
function sendResult(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  sendJson(res, status, body, SECURITY_HEADERS);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Bridges a Node request to the web-standard Request the shared media handler takes. */
function toWebRequest(req: http.IncomingMessage, port: number): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') headers.set(k, v);
  }
  return new Request(`http://127.0.0.1:${port}${req.url ?? '/'}`, { method: req.method, headers });
}

/** Pipes a body onto the socket; either side failing ends the other. */
function pipeBody(res: http.ServerResponse, body: Readable): void {
  res.on('close', () => body.destroy());
  body.on('error', () => res.destroy());
  body.pipe(res);
}

/** A web Response (the shared media handler's) onto the socket. */
async function sendWebResponse(res: http.ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = { ...SECURITY_HEADERS };
  response.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  pipeBody(res, Readable.fromWeb(response.body as import('node:stream/web').ReadableStream));
}

/**
 * A UI file straight onto the socket: no web Request or Response in between, which cost about a
 * millisecond a file, and a cold start waits for the page and then for its scripts. Files the
 * answer holds whole leave as one write with their length.
 */
function sendUiAnswer(res: http.ServerResponse, answer: UiAnswer): void {
  res.writeHead(answer.status, answer.headers);
  if (answer.stream) pipeBody(res, answer.stream());
  else res.end(answer.body ?? undefined);
}

/**
 * The loopback transport for the Chromium kiosk and the end-to-end tests: the UI under `/`, the
 * StationApi under `/rpc/<method>` and media under `/media/`, bound to 127.0.0.1 only, with a
 * per-launch token (header for RPC, query parameter for media, which a <video> cannot send).
 */
export async function startLoopbackServer(
  station: Station,
  opts: LoopbackOptions,
): Promise<LoopbackServer> {
  const token = opts.token ?? newLaunchToken();
  let port = opts.port;
  const t = () => translator(station.language());

  const server = http.createServer((req, res) => {
    void (async () => {
      if (!isAllowedHost(req.headers.host, port)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden host');
        return;
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

      if (url.pathname === '/rpc' || url.pathname.startsWith('/rpc/')) {
        // The token is checked before anything else, so nothing about the API leaks without it.
        const given = req.headers[TOKEN_HEADER];
        if (!tokenMatches(typeof given === 'string' ? given : undefined, token)) {
          const err = new StationFailure('UNAUTHORIZED', 'unauthorized');
          sendResult(res, 401, { ok: false, error: toErrorBody(err, t()) });
          return;
        }
        const method = decodeURIComponent(url.pathname.slice('/rpc/'.length));
        if (req.method !== 'POST') {
          res.writeHead(405, { allow: 'POST', ...SECURITY_HEADERS }).end();
          return;
        }
        let input: unknown = {};
        try {
          const text = await readBody(req);
          if (text.trim() !== '') input = JSON.parse(text);
        } catch (e) {
          const err = new StationFailure('BAD_REQUEST', 'badRequest', {
            detail: e instanceof Error ? e.message : String(e),
          });
          sendResult(res, 400, { ok: false, error: toErrorBody(err, t()) });
          return;
        }
        const { status, body } = await dispatch(station, method, input);
        sendResult(res, status, body);
        return;
      }

      if (url.pathname.startsWith('/media/')) {
        if (!tokenMatches(url.searchParams.get(TOKEN_QUERY), token)) {
          res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('unauthorized');
          return;
        }
        await sendWebResponse(res, await serveMedia(toWebRequest(req, port), station.mediaRoot));
        return;
      }

      // Opened with the launch token (the kiosk's first load), the page brings the home view with
      // it; a reload, whose URL no longer carries the token, asks for it over /rpc/ as usual.
      const firstHome = tokenMatches(url.searchParams.get(TOKEN_QUERY), token)
        ? async () => {
            const { body } = await dispatch(station, 'getHome', {});
            return body.ok ? body.value : undefined;
          }
        : undefined;
      sendUiAnswer(
        res,
        await answerUiFile(url.pathname, req.method ?? 'GET', opts.uiDir, firstHome),
      );
    })().catch((err: unknown) => {
      console.error('[station] request failed:', err);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(new StationFailure('UNAVAILABLE', 'portInUse', { port: opts.port }));
      } else reject(err);
    });
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?${TOKEN_QUERY}=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { csvLine, CSV_BOM } from '../exports/csv.js';
import { AttemptLimiter, checkBearer } from './api-tokens.js';
import { sendJson } from './send-json.js';

export interface LanAddress {
  host: string;
  port: number;
}

/** `ADDRESS:PORT`, with IPv6 in brackets (`[fe80::1]:8080`); a host name is refused. */
export function parseLanAddress(text: string): LanAddress {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):(\d{1,5})$/.exec(text);
  const host = m ? (m[1] ?? m[2]!) : '';
  const port = m ? Number(m[3]) : -1;
  if (!m || net.isIP(host) === 0 || port > 65535) {
    throw new StationFailure('BAD_REQUEST', 'lanAddressBad', { value: text });
  }
  return { host, port };
}

const DEFAULT_PAGE = 500;
const MAX_PAGE = 5000;

interface Resource {
  /** Columns in order: JSON keys and CSV header alike. */
  columns: readonly string[];
  sql: string;
}

/**
 * The read-only resources, paged by id (the cursor). Attendance is append-only, so a cursor
 * never misses a record; each carries its evidence-chain position and hash so the county can
 * check it against signed bundles. Members: the minimum the county needs, no phone or birth date.
 */
const RESOURCES: Record<string, Resource> = {
  attendance: {
    columns: [
      'id',
      'sessionId',
      'memberId',
      'kind',
      'at',
      'reason',
      'correctsId',
      'field',
      'creditOverride',
      'recordedBy',
      'recordedAt',
      'timeQuality',
      'seq',
      'hash',
    ],
    sql: `SELECT a.id, a.session_id AS sessionId, a.member_id AS memberId, a.kind, a.at, a.reason,
            a.corrects_id AS correctsId, a.field, a.credit_override AS creditOverride,
            a.recorded_by AS recordedBy, a.recorded_at AS recordedAt, a.time_quality AS timeQuality,
            c.seq, c.hash
          FROM attendance_records a
          LEFT JOIN evidence_chain c ON c.record_table = 'attendance_records' AND c.record_id = a.id
          WHERE a.id > ? ORDER BY a.id LIMIT ?`,
  },
  sessions: {
    columns: ['id', 'kind', 'title', 'startedAt', 'endedAt'],
    sql: `SELECT id, kind, title, started_at AS startedAt, ended_at AS endedAt FROM study_sessions
          WHERE id > ? ORDER BY id LIMIT ?`,
  },
  members: {
    columns: ['id', 'name', 'role', 'status', 'state'],
    sql: `SELECT id, name, role, status, state FROM members WHERE id > ? ORDER BY id LIMIT ?`,
  },
};

/** Cursors are opaque to clients: base64url of the last id served. */
export const encodeCursor = (id: number) => Buffer.from(`id:${id}`).toString('base64url');
export function decodeCursor(cursor: string | null): number | null {
  if (cursor === null || cursor === '') return 0;
  const m = /^id:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

export interface LanServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The LAN pull API for a county laptop on the village network: off unless `station serve --lan`
 * names an address. Only GET /api/v1/{attendance,sessions,members} exist here, behind a bearer
 * token; nothing of the kiosk (UI, /rpc/, media) is reachable on this address.
 */
export async function startLanApi(
  db: Db,
  clock: Clock,
  address: LanAddress,
  limiter = new AttemptLimiter(),
): Promise<LanServer> {
  const server = http.createServer((req, res) => {
    try {
      const now = clock.now();
      const client = req.socket.remoteAddress ?? '?';
      const url = new URL(req.url ?? '/', 'http://lan.invalid');
      const name = /^\/api\/v1\/([a-z]+)$/.exec(url.pathname)?.[1];
      const resource = name !== undefined ? RESOURCES[name] : undefined;
      if (!resource) {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      const wait = limiter.retryAfter(client, now.getTime());
      if (wait > 0) {
        sendJson(res, 429, { error: 'too many tries' }, { 'retry-after': String(wait) });
        return;
      }
      if (checkBearer(db, req.headers.authorization, now) === null) {
        limiter.fail(client, now.getTime());
        sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const after = decodeCursor(url.searchParams.get('since'));
      const limitText = url.searchParams.get('limit');
      const limit = limitText === null ? DEFAULT_PAGE : Number(limitText);
      if (after === null || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
        sendJson(res, 400, { error: `bad since or limit (1–${MAX_PAGE})` });
        return;
      }
      const rows = db.prepare(resource.sql).all(after, limit + 1) as Record<string, unknown>[];
      const hasMore = rows.length > limit;
      const page = hasMore ? rows.slice(0, limit) : rows;
      const last = page[page.length - 1];
      // The cursor of the last row served, also when it is the end: polling later continues there.
      const next = encodeCursor(last ? (last.id as number) : after);
      if (/\btext\/csv\b/.test(req.headers.accept ?? '')) {
        const body =
          CSV_BOM +
          csvLine(resource.columns) +
          page
            .map((r) => csvLine(resource.columns.map((c) => r[c] as string | number | null)))
            .join('');
        res.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'cache-control': 'no-store',
          'x-next-cursor': next,
          'x-has-more': String(hasMore),
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      sendJson(res, 200, { items: page, next, hasMore });
    } catch (err) {
      console.error('[station] LAN API request failed:', err);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(new StationFailure('UNAVAILABLE', 'portInUse', { port: address.port }));
      } else if (err.code === 'EADDRNOTAVAIL') {
        reject(new StationFailure('BAD_REQUEST', 'lanAddressBad', { value: address.host }));
      } else reject(err);
    });
    server.listen(address.port, address.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host}:${port}/api/v1/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import crypto from 'node:crypto';
import type * as Fflate from 'fflate';
import { lazyRequire } from '../lazy-require.js';
import { z } from 'zod';
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { getSetting } from '../settings/store.js';
import {
  canonicalForm,
  chainHash,
  CHAINED_FIELDS,
  GENESIS_HASH,
  isChainedTable,
  selectFields,
} from './canonical.js';
import { fingerprintOf, parsePublicKey, type TerminalKey } from './terminal-key.js';

const fflate = lazyRequire<typeof Fflate>('fflate');

/** The entries of a bundle (a zip); docs/bundle.md describes them for the county's tools. */
export const PAYLOAD_ENTRY = 'payload.json';
export const SIGNATURE_ENTRY = 'payload.sig';
export const PUBLIC_KEY_ENTRY = 'terminal.pub';
export const BUNDLE_FORMAT = 'study-station-bundle';

const Hash = z.string().regex(/^[0-9a-f]{64}$/);
const Payload = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  terminalId: z.string(),
  createdAt: z.string(),
  chain: z.object({
    fromSeq: z.number().int().min(1),
    toSeq: z.number().int().min(0),
    prevHash: Hash,
    headHash: Hash,
  }),
  records: z.array(
    z.object({
      seq: z.number().int().min(1),
      table: z.string(),
      id: z.number().int(),
      hash: Hash,
      row: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).nullable(),
    }),
  ),
  sessions: z.array(z.record(z.string(), z.unknown())),
  members: z.array(z.record(z.string(), z.unknown())),
});
export type BundlePayload = z.infer<typeof Payload>;

export interface BundleSummary {
  terminalId: string;
  fingerprint: string;
  fromSeq: number;
  toSeq: number;
  headHash: string;
  records: number;
}

/**
 * Builds a signed bundle of the chain from `fromSeq` to the head: the records with their links,
 * plus the sessions and a minimal roster they refer to. A record deleted since it was chained is
 * carried as `row: null`, so the receiver sees the broken chain rather than a quietly short one.
 */
export function buildBundle(
  db: Db,
  key: TerminalKey,
  fromSeq: number,
  now: Date,
): { bytes: Uint8Array; summary: BundleSummary } {
  const prevHash =
    fromSeq > 1
      ? ((db
          .prepare('SELECT hash FROM evidence_chain WHERE seq = ?')
          .pluck()
          .get(fromSeq - 1) as string | undefined) ?? GENESIS_HASH)
      : GENESIS_HASH;
  const readers = {
    attendance_records: db.prepare(
      `SELECT ${selectFields('attendance_records')} FROM attendance_records WHERE id = ?`,
    ),
    play_log: db.prepare(`SELECT ${selectFields('play_log')} FROM play_log WHERE id = ?`),
  };
  const records: BundlePayload['records'] = [];
  let head = { seq: fromSeq - 1, hash: prevHash };
  const entries = db
    .prepare(
      'SELECT seq, record_table AS tbl, record_id AS id, hash FROM evidence_chain WHERE seq >= ? ORDER BY seq',
    )
    .iterate(fromSeq) as Iterable<{ seq: number; tbl: string; id: number; hash: string }>;
  for (const e of entries) {
    const row = isChainedTable(e.tbl)
      ? ((readers[e.tbl].get(e.id) as Record<string, string | number | null> | undefined) ?? null)
      : null;
    records.push({ seq: e.seq, table: e.tbl, id: e.id, hash: e.hash, row });
    head = { seq: e.seq, hash: e.hash };
  }
  const payload: BundlePayload = {
    format: BUNDLE_FORMAT,
    version: 1,
    terminalId: getSetting(db, 'terminal.id'),
    createdAt: now.toISOString(),
    chain: { fromSeq, toSeq: head.seq, prevHash, headHash: head.hash },
    records,
    sessions: db
      .prepare(
        `SELECT id, kind, title, started_at AS startedAt, ended_at AS endedAt FROM study_sessions
         ORDER BY id`,
      )
      .all() as Record<string, unknown>[],
    members: db
      .prepare('SELECT id, name, role, status, state FROM members ORDER BY id')
      .all() as Record<string, unknown>[],
  };
  const payloadBytes = fflate().strToU8(JSON.stringify(payload));
  const signature = crypto.sign(null, payloadBytes, key.privateKey);
  const bytes = fflate().zipSync({
    [PAYLOAD_ENTRY]: payloadBytes,
    [SIGNATURE_ENTRY]: [new Uint8Array(signature), { level: 0 }],
    [PUBLIC_KEY_ENTRY]: fflate().strToU8(key.publicKeyPem),
  });
  return {
    bytes,
    summary: {
      terminalId: payload.terminalId,
      fingerprint: key.fingerprint,
      fromSeq,
      toSeq: head.seq,
      headHash: head.hash,
      records: records.length,
    },
  };
}

/** Where the next bundle starts: after the last one exported, or at the first record (--all). */
export function nextExportSeq(db: Db, all: boolean): number {
  if (all) return 1;
  const last = db.prepare('SELECT max(to_seq) FROM bundle_exports').pluck().get() as number | null;
  return (last ?? 0) + 1;
}

export function recordExport(db: Db, s: BundleSummary, file: string, now: Date): void {
  db.prepare(
    `INSERT INTO bundle_exports (from_seq, to_seq, head_hash, file, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(s.fromSeq, s.toSeq, s.headHash, file, now.toISOString());
}

function unreadable(file: string, detail: string): StationFailure {
  return new StationFailure('BAD_REQUEST', 'bundleUnreadable', { file, detail });
}

export interface VerifiedBundle extends BundleSummary {
  payload: BundlePayload;
  payloadSha256: string;
}

/**
 * Checks a bundle the way the county hub will, refusing it when it is:
 * truncated or not a bundle; signed by a key that does not match its payload (altered);
 * from a terminal whose key is not trusted here; a chain that does not recompute from its
 * previous hash to its head (records changed, removed or added before export); or a chain
 * position already received from that terminal (replayed).
 */
export function verifyBundle(db: Db, bytes: Uint8Array, file: string): VerifiedBundle {
  let entries: Record<string, Uint8Array>;
  try {
    entries = fflate().unzipSync(bytes);
  } catch (err) {
    throw unreadable(file, err instanceof Error ? err.message : String(err));
  }
  const payloadBytes = entries[PAYLOAD_ENTRY];
  const signature = entries[SIGNATURE_ENTRY];
  const pub = entries[PUBLIC_KEY_ENTRY];
  if (!payloadBytes || !signature || !pub) {
    throw unreadable(file, `${PAYLOAD_ENTRY}, ${SIGNATURE_ENTRY}, ${PUBLIC_KEY_ENTRY}`);
  }
  const publicKey = parsePublicKey(Buffer.from(pub), `${file}:${PUBLIC_KEY_ENTRY}`);
  if (signature.length !== 64 || !crypto.verify(null, payloadBytes, publicKey, signature)) {
    throw new StationFailure('BAD_REQUEST', 'bundleBadSignature', { file });
  }
  const fingerprint = fingerprintOf(publicKey);
  const trusted = db
    .prepare('SELECT 1 FROM trusted_terminals WHERE fingerprint = ?')
    .get(fingerprint);
  if (!trusted) throw new StationFailure('UNAUTHORIZED', 'bundleUnknownTerminal', { fingerprint });

  let payload: BundlePayload;
  try {
    payload = Payload.parse(JSON.parse(fflate().strFromU8(payloadBytes)));
  } catch (err) {
    throw unreadable(file, err instanceof Error ? err.message.slice(0, 200) : String(err));
  }

  const { chain } = payload;
  let prev = chain.prevHash;
  let seq = chain.fromSeq;
  const broken = (at: number) =>
    new StationFailure('BAD_REQUEST', 'bundleChainBroken', { file, seq: at });
  for (const r of payload.records) {
    if (r.seq !== seq || !isChainedTable(r.table) || r.row === null) throw broken(seq);
    const row = r.row;
    if (CHAINED_FIELDS[r.table].some((f) => !(f in row)) || row.id !== r.id) throw broken(seq);
    if (chainHash(prev, canonicalForm(r.table, row)) !== r.hash) throw broken(seq);
    prev = r.hash;
    seq++;
  }
  if (seq - 1 !== chain.toSeq || prev !== chain.headHash) throw broken(seq);

  const seen = db
    .prepare(
      `SELECT to_seq AS toSeq, head_hash AS headHash FROM bundle_imports WHERE fingerprint = ?
       ORDER BY to_seq DESC LIMIT 1`,
    )
    .get(fingerprint) as { toSeq: number; headHash: string } | undefined;
  if (seen && payload.records.length > 0 && chain.fromSeq <= seen.toSeq) {
    throw new StationFailure('CONFLICT', 'bundleReplayed', {
      file,
      terminal: payload.terminalId,
      seen: seen.toSeq,
      from: chain.fromSeq,
      to: chain.toSeq,
    });
  }
  // The next bundle must continue the chain the last one ended: same hash at the seam.
  if (seen && chain.fromSeq === seen.toSeq + 1 && chain.prevHash !== seen.headHash) {
    throw broken(chain.fromSeq);
  }
  return {
    terminalId: payload.terminalId,
    fingerprint,
    fromSeq: chain.fromSeq,
    toSeq: chain.toSeq,
    headHash: chain.headHash,
    records: payload.records.length,
    payload,
    payloadSha256: crypto.createHash('sha256').update(payloadBytes).digest('hex'),
  };
}

export function recordImport(db: Db, b: VerifiedBundle, now: Date): void {
  db.prepare(
    `INSERT INTO bundle_imports (fingerprint, terminal_id, from_seq, to_seq, head_hash,
       payload_sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    b.fingerprint,
    b.terminalId,
    b.fromSeq,
    b.toSeq,
    b.headHash,
    b.payloadSha256,
    now.toISOString(),
  );
}

/** Registers a terminal's public key (the county side of `terminal.pub`). Idempotent. */
export function trustTerminal(
  db: Db,
  pem: string,
  file: string,
  name: string,
  now: Date,
): { fingerprint: string; name: string } {
  const key = parsePublicKey(pem, file);
  const fingerprint = fingerprintOf(key);
  db.prepare(
    `INSERT INTO trusted_terminals (fingerprint, public_key, name, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name`,
  ).run(
    fingerprint,
    key.export({ type: 'spki', format: 'pem' }).toString(),
    name,
    now.toISOString(),
  );
  return { fingerprint, name };
}

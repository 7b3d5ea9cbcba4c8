import crypto from 'node:crypto';
import type { Db } from '../db/open.js';

/** SHA-256 is enough at rest: the tokens are 256 random bits, so there is nothing to guess. */
function tokenDigest(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a LAN API token; the token itself is returned once and only its digest is stored. */
export function createApiToken(db: Db, name: string, now: Date): { id: number; token: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  const info = db
    .prepare('INSERT INTO api_tokens (name, token_sha256, created_at) VALUES (?, ?, ?)')
    .run(name, tokenDigest(token), now.toISOString());
  return { id: Number(info.lastInsertRowid), token };
}

export function listApiTokens(
  db: Db,
): { id: number; name: string; createdAt: string; lastUsedAt: string | null }[] {
  return db
    .prepare(
      `SELECT id, name, created_at AS createdAt, last_used_at AS lastUsedAt FROM api_tokens
       ORDER BY id`,
    )
    .all() as { id: number; name: string; createdAt: string; lastUsedAt: string | null }[];
}

export function revokeApiToken(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM api_tokens WHERE id = ?').run(id).changes > 0;
}

/** The token's id when `authorization` is `Bearer <a stored token>`, else null. */
export function checkBearer(db: Db, authorization: string | undefined, now: Date): number | null {
  const m = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(authorization ?? '');
  if (!m) return null;
  const row = db
    .prepare('SELECT id FROM api_tokens WHERE token_sha256 = ?')
    .get(tokenDigest(m[1]!)) as { id: number } | undefined;
  if (!row) return null;
  db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now.toISOString(), row.id);
  return row.id;
}

/**
 * Failed tries per client address in a sliding window; past the limit the address is refused
 * (429) until the window has passed, even with a right token, so guessing cannot go on. Pure
 * apart from the clock value passed in.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    readonly maxFailures = 10,
    readonly windowMs = 5 * 60_000,
  ) {}

  private recent(client: string, now: number): number[] {
    const list = (this.failures.get(client) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(client);
    else this.failures.set(client, list);
    return list;
  }

  /** Seconds to wait when the client is over the limit, else 0. */
  retryAfter(client: string, now: number): number {
    const list = this.recent(client, now);
    if (list.length < this.maxFailures) return 0;
    return Math.max(
      1,
      Math.ceil((list[list.length - this.maxFailures]! + this.windowMs - now) / 1000),
    );
  }

  fail(client: string, now: number): void {
    const list = this.recent(client, now);
    list.push(now);
    this.failures.set(client, list);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }
}

import crypto from 'node:crypto';

/**
 * Pure checks of the loopback transport, kept apart so each can be table-tested.
 */

/** Only the loopback names we listen on: defeats DNS-rebinding pages that point at 127.0.0.1. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function newLaunchToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

import crypto from 'node:crypto';
import type { Role } from '../../common/contract.js';
import type { Clock } from '../clock.js';
import { StationFailure } from '../errors.js';

interface Grant {
  role: Role;
  expiresAt: Date;
}

/**
 * Role grants handed out after a correct PIN. Kept in memory on purpose: a restart (or a power
 * cut) signs everybody out, which is what a kiosk in a shared room should do.
 */
export class GrantBook {
  private readonly grants = new Map<string, Grant>();
  constructor(private readonly clock: Clock) {}

  issue(role: Role, minutes: number): { grant: string; expiresAt: Date } {
    const grant = crypto.randomBytes(24).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + minutes * 60_000);
    this.grants.set(grant, { role, expiresAt });
    return { grant, expiresAt };
  }

  /** Throws unless `grant` is live and belongs to one of `roles`. */
  require(grant: string, ...roles: Role[]): Role {
    const found = this.grants.get(grant);
    if (!found || found.expiresAt <= this.clock.now()) {
      if (found) this.grants.delete(grant);
      throw new StationFailure('UNAUTHORIZED', 'grantInvalid');
    }
    if (!roles.includes(found.role)) throw new StationFailure('UNAUTHORIZED', 'grantInvalid');
    return found.role;
  }

  revoke(grant: string): void {
    this.grants.delete(grant);
  }
}

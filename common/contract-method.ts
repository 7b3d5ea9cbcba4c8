/**
 * The declaration helper and grant shapes every contract file shares. A module of its own so the
 * area files (contract-<area>.ts) need not import contract.ts, which imports them: a cycle would
 * leave these undefined at load.
 */
import { z } from 'zod';

/** Declares a method: its argument schema now, its result type as a type-only phantom. */
export const method =
  <Out>() =>
  <S extends z.ZodType>(input: S) =>
    ({ input }) as { input: S; readonly __out?: (out: Out) => void };

/** A role grant returned by `unlock`, required by role-protected methods. */
export const Grant = z.string().min(16).max(128);

/** The argument of a protected method that takes nothing but its grant. */
export const WithGrant = z.object({ grant: Grant }).strict();

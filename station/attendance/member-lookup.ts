import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';

export interface MemberRef {
  id: number;
  name: string;
  state: string;
  role: string;
}

/**
 * Finds the member a person means: a number is an id, then a card code, then an exact name. A
 * name two members share is an error that lists both, never a guess.
 */
export function findMember(db: Db, query: string): MemberRef {
  const q = query.trim();
  const select = 'SELECT id, name, state, role, card_code AS cardCode FROM members';
  if (/^\d+$/.test(q)) {
    const byId = db.prepare(`${select} WHERE id = ?`).get(Number(q)) as MemberRef | undefined;
    if (byId) return byId;
  }
  const byCard = db.prepare(`${select} WHERE card_code = ?`).get(q) as MemberRef | undefined;
  if (byCard) return byCard;
  const byName = db.prepare(`${select} WHERE name = ? ORDER BY id`).all(q) as (MemberRef & {
    cardCode: string | null;
  })[];
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    const candidates = byName
      .map((m) => `#${m.id}${m.cardCode ? `（${m.cardCode}）` : ''}`)
      .join('、');
    throw new StationFailure('CONFLICT', 'memberAmbiguous', { query: q, candidates });
  }
  throw new StationFailure('NOT_FOUND', 'memberNotFound', { query: q });
}

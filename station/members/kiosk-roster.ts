import type { RosterMember } from '../../common/contract-checkin.js';
import type { Db } from '../db/open.js';
import { roleFromTitle } from '../domain/roles.js';
import { StationFailure } from '../errors.js';
import { parseRosterDate } from './import/dates.js';
import { normalizeName } from './import/fields.js';
import {
  findMemberByCard,
  findMemberById,
  insertMember,
  updateMember,
  type Member,
} from './repository.js';

export interface MemberForm {
  id?: number | undefined;
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  joinedOn: string | null;
  status: 'full' | 'probationary';
  roleTitle: string | null;
  phone: string | null;
  isMobile: boolean;
  worksIn: string | null;
  cardCode: string | null;
}

export function rosterMember(db: Db, id: number): RosterMember {
  const m = findMemberById(db, id);
  if (!m) throw new StationFailure('NOT_FOUND', 'memberNotFound', { query: String(id) });
  return toRosterMember(m);
}

export function toRosterMember(m: Member): RosterMember {
  return {
    id: m.id,
    name: m.name,
    gender: m.gender,
    birthDate: m.birthDate,
    joinedOn: m.joinedOn,
    status: m.status,
    role: m.role,
    roleTitle: m.roleTitle,
    phone: m.phone,
    isMobile: m.isMobile,
    worksIn: m.worksIn,
    cardCode: m.cardCode,
    state: m.state,
  };
}

const blankToNull = (text: string | null) => {
  const t = text?.trim() ?? '';
  return t === '' ? null : t;
};

/**
 * Adds or changes one member from the kiosk's form, by the same rules as a roster import: the
 * role from the post as villages write it, the same date spellings, a card code that is nobody
 * else's. `today` (YYYY-MM-DD) bounds dates.
 */
export function saveMemberForm(db: Db, form: MemberForm, today: string, now: Date): number {
  const name = normalizeName(form.name);
  if (name === '') throw new StationFailure('BAD_REQUEST', 'memberNameMissing');
  const roleTitle = blankToNull(form.roleTitle);
  const role = roleFromTitle(roleTitle);
  if (!role)
    throw new StationFailure('BAD_REQUEST', 'memberRoleUnknown', { value: roleTitle ?? '' });
  const date = (text: string | null) => {
    const value = blankToNull(text);
    if (value === null) return null;
    const parsed = parseRosterDate(value, today);
    if (!parsed.ok) throw new StationFailure('BAD_REQUEST', 'memberDateBad', { value });
    return parsed.date;
  };
  const cardCode = blankToNull(form.cardCode);
  const values = {
    name,
    gender: form.gender,
    birthDate: date(form.birthDate),
    joinedOn: date(form.joinedOn),
    status: form.status,
    role,
    roleTitle: roleTitle === '党员' ? null : roleTitle,
    phone: blankToNull(form.phone),
    isMobile: form.isMobile,
    worksIn: form.isMobile ? blankToNull(form.worksIn) : null,
    cardCode,
  };
  return db.transaction(() => {
    if (cardCode) {
      const owner = findMemberByCard(db, cardCode);
      if (owner && owner.id !== form.id) {
        throw new StationFailure('CONFLICT', 'memberCardTaken', {
          card: cardCode,
          owner: owner.name,
        });
      }
    }
    if (form.id === undefined) return insertMember(db, values, now);
    if (!updateMember(db, form.id, values, now)) {
      throw new StationFailure('NOT_FOUND', 'memberNotFound', { query: String(form.id) });
    }
    return form.id;
  })();
}

/** Left, transferred or active again: the member and their history stay. */
export function setMemberState(
  db: Db,
  id: number,
  state: 'active' | 'left' | 'transferred',
  now: Date,
): void {
  const info = db
    .prepare('UPDATE members SET state = ?, updated_at = ? WHERE id = ?')
    .run(state, now.toISOString(), id);
  if (info.changes === 0)
    throw new StationFailure('NOT_FOUND', 'memberNotFound', { query: String(id) });
}

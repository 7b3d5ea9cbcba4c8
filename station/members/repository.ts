import type { Db } from '../db/open.js';
import type { MemberRole } from '../domain/roles.js';

export interface NewMember {
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  joinedOn: string | null;
  status: 'full' | 'probationary';
  role: MemberRole;
  roleTitle: string | null;
  phone: string | null;
  isMobile: boolean;
  worksIn: string | null;
  cardCode: string | null;
}

export interface MemberRow {
  id: number;
  name: string;
  role: MemberRole;
  roleTitle: string | null;
  status: 'full' | 'probationary';
  state: 'active' | 'left' | 'transferred';
}

export function insertMember(db: Db, m: NewMember, now: Date): number {
  const at = now.toISOString();
  const info = db
    .prepare(
      `INSERT INTO members (name, gender, birth_date, joined_on, status, role, role_title, phone,
         is_mobile, works_in, card_code, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
    )
    .run(
      m.name,
      m.gender,
      m.birthDate,
      m.joinedOn,
      m.status,
      m.role,
      m.roleTitle,
      m.phone,
      m.isMobile ? 1 : 0,
      m.worksIn,
      m.cardCode,
      at,
      at,
    );
  return Number(info.lastInsertRowid);
}

export function listActiveMembers(db: Db): MemberRow[] {
  return db
    .prepare(
      `SELECT id, name, role, role_title AS roleTitle, status, state FROM members
       WHERE state = 'active'
       ORDER BY CASE role WHEN 'secretary' THEN 0 WHEN 'committee' THEN 1 ELSE 2 END, id`,
    )
    .all() as MemberRow[];
}

export function countActiveMembers(db: Db): number {
  return (
    db.prepare("SELECT count(*) AS n FROM members WHERE state = 'active'").get() as { n: number }
  ).n;
}

/** Everything the station keeps about a member. */
export interface Member extends NewMember {
  id: number;
  state: 'active' | 'left' | 'transferred';
  createdAt: string;
  updatedAt: string;
}

const MEMBER_COLUMNS = `id, name, gender, birth_date AS birthDate, joined_on AS joinedOn, status, role,
  role_title AS roleTitle, phone, is_mobile AS isMobile, works_in AS worksIn, card_code AS cardCode,
  state, created_at AS createdAt, updated_at AS updatedAt`;

function toMember(row: Omit<Member, 'isMobile'> & { isMobile: number }): Member {
  return { ...row, isMobile: row.isMobile === 1 };
}

/** Every member in every state: active first, then by role group (secretary, committee) and id. */
export function listMembers(db: Db): Member[] {
  const rows = db
    .prepare(
      `SELECT ${MEMBER_COLUMNS} FROM members
       ORDER BY state <> 'active', CASE role WHEN 'secretary' THEN 0 WHEN 'committee' THEN 1 ELSE 2 END, id`,
    )
    .all() as (Omit<Member, 'isMobile'> & { isMobile: number })[];
  return rows.map(toMember);
}

export function findMemberById(db: Db, id: number): Member | null {
  const row = db.prepare(`SELECT ${MEMBER_COLUMNS} FROM members WHERE id = ?`).get(id) as
    (Omit<Member, 'isMobile'> & { isMobile: number }) | undefined;
  return row ? toMember(row) : null;
}

export function findMemberByCard(db: Db, cardCode: string): Member | null {
  const row = db
    .prepare(`SELECT ${MEMBER_COLUMNS} FROM members WHERE card_code = ?`)
    .get(cardCode) as (Omit<Member, 'isMobile'> & { isMobile: number }) | undefined;
  return row ? toMember(row) : null;
}

/** Members with this exact name and birth date (NULL matches NULL): a name alone is not unique. */
export function findMembersByNameAndBirth(
  db: Db,
  name: string,
  birthDate: string | null,
): Member[] {
  const rows = db
    .prepare(`SELECT ${MEMBER_COLUMNS} FROM members WHERE name = ? AND birth_date IS ? ORDER BY id`)
    .all(name, birthDate) as (Omit<Member, 'isMobile'> & { isMobile: number })[];
  return rows.map(toMember);
}

const UPDATABLE: Record<keyof NewMember, string> = {
  name: 'name',
  gender: 'gender',
  birthDate: 'birth_date',
  joinedOn: 'joined_on',
  status: 'status',
  role: 'role',
  roleTitle: 'role_title',
  phone: 'phone',
  isMobile: 'is_mobile',
  worksIn: 'works_in',
  cardCode: 'card_code',
};

/** Changes the given fields of one member; returns false when there is no such member. */
export function updateMember(db: Db, id: number, changes: Partial<NewMember>, now: Date): boolean {
  const keys = (Object.keys(changes) as (keyof NewMember)[]).filter(
    (k) => changes[k] !== undefined,
  );
  const sets = keys.map((k) => `${UPDATABLE[k]} = ?`);
  const params = keys.map((k) => {
    const v = changes[k];
    return typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
  });
  const info = db
    .prepare(`UPDATE members SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`)
    .run(...params, now.toISOString(), id);
  return info.changes > 0;
}

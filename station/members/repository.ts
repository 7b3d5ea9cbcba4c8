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
  return (db.prepare("SELECT count(*) AS n FROM members WHERE state = 'active'").get() as { n: number })
    .n;
}

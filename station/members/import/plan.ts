import type { Member, NewMember } from '../repository.js';
import { CHINESE_HEADERS, type RosterField } from './headers.js';
import type { ParsedRoster, RosterValues } from './parse-roster.js';
import { sortProblems, type ProblemKey, type RosterProblem } from './problems.js';

export type RowAction =
  | { row: number; action: 'create'; member: NewMember }
  | { row: number; action: 'update'; id: number; changes: Partial<NewMember> }
  | { row: number; action: 'unchanged'; id: number };

export interface ImportPlan {
  actions: RowAction[];
  problems: RosterProblem[];
  counts: { created: number; updated: number; unchanged: number };
}

/** A member as a new row creates it: blank cells take the roster's defaults. */
function newMember(v: RosterValues): NewMember {
  return {
    name: v.name,
    gender: v.gender ?? null,
    birthDate: v.birthDate ?? null,
    joinedOn: v.joinedOn ?? null,
    status: v.status ?? 'full',
    role: v.role ?? 'member',
    roleTitle: v.roleTitle ?? null,
    phone: v.phone ?? null,
    isMobile: v.isMobile ?? false,
    worksIn: v.worksIn ?? null,
    cardCode: v.cardCode ?? null,
  };
}

/** The fields of a row that differ from the member it matched; blank cells change nothing. */
function changesFor(existing: Member, v: RosterValues): Partial<NewMember> {
  const changes: Partial<NewMember> = {};
  for (const key of Object.keys(v) as (keyof RosterValues)[]) {
    const value = v[key];
    if (value !== undefined && existing[key] !== value) {
      (changes as Record<string, unknown>)[key] = value;
    }
  }
  return changes;
}

const nameBirthKey = (name: string, birth: string | null) => `${name}\u0000${birth ?? ''}`;

/**
 * Decides what each valid row does to the roster — create, update or leave alone — matching
 * existing members by card code, else by name + birth date, and finds what cannot be decided:
 * a card used twice, a card that belongs to someone else, one member on two rows, a name that
 * could be any of several members. Pure: the existing members are an argument.
 *
 * A card match counts as the same person only when the name or the birth date agrees too, so a
 * mistyped card cannot move one member's history onto another.
 */
export function planImport(roster: ParsedRoster, existing: Member[]): ImportPlan {
  const problems: RosterProblem[] = [...roster.problems];
  const columnOf = (field: RosterField) => roster.columns[field]?.header ?? CHINESE_HEADERS[field];
  const problem = (
    row: number,
    field: RosterField,
    key: ProblemKey,
    params: Record<string, string | number>,
  ) => problems.push({ row, field, column: columnOf(field), key, params });

  const byCard = new Map<string, Member>();
  const byName = new Map<string, Member[]>();
  for (const m of existing) {
    if (m.cardCode) byCard.set(m.cardCode, m);
    byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  }

  const cardRow = new Map<string, number>();
  const claimedBy = new Map<number, number>(); // member id → row
  const newPersonRow = new Map<string, number>(); // name + birth date of rows that create
  const actions: RowAction[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0 };

  for (const { row, values: v, valid } of roster.rows) {
    let duplicateCard = false;
    if (v.cardCode !== undefined) {
      const first = cardRow.get(v.cardCode);
      if (first !== undefined) {
        problem(row, 'cardCode', 'cardDuplicateInFile', { card: v.cardCode, other: first });
        duplicateCard = true;
      } else {
        cardRow.set(v.cardCode, row);
      }
    }
    if (duplicateCard) continue;
    const sameName = byName.get(v.name) ?? [];
    const cardOwner = v.cardCode !== undefined ? byCard.get(v.cardCode) : undefined;
    if (!valid) {
      // Still say now what would stop this row once its cells are corrected.
      if (cardOwner && v.name !== '' && cardOwner.name !== v.name) {
        problem(row, 'cardCode', 'cardTakenByOther', {
          card: v.cardCode!,
          owner: cardOwner.name,
          id: cardOwner.id,
        });
      }
      continue;
    }

    let match: Member | undefined;
    if (cardOwner) {
      const agrees =
        cardOwner.name === v.name ||
        (v.birthDate !== undefined && cardOwner.birthDate === v.birthDate);
      const personElsewhere = sameName.find(
        (m) => m.id !== cardOwner.id && v.birthDate !== undefined && m.birthDate === v.birthDate,
      );
      if (!agrees || personElsewhere) {
        problem(row, 'cardCode', 'cardTakenByOther', {
          card: v.cardCode!,
          owner: cardOwner.name,
          id: cardOwner.id,
        });
        continue;
      }
      match = cardOwner;
    } else {
      // Same name and birth date; a member recorded without a birth date matches a row that now
      // gives one, and a row without one matches only a member recorded without one.
      let candidates = sameName.filter((m) => m.birthDate === (v.birthDate ?? null));
      if (candidates.length === 0 && v.birthDate !== undefined) {
        candidates = sameName.filter((m) => m.birthDate === null);
      }
      if (candidates.length > 1) {
        problem(row, 'name', 'ambiguousMatch', {
          name: v.name,
          count: candidates.length,
          ids: candidates.map((m) => m.id).join('、'),
        });
        continue;
      }
      if (candidates.length === 0 && v.birthDate === undefined && sameName.length > 0) {
        // The station knows a 王芳 with a birth date; this row's 王芳 has none. Guessing either
        // way is wrong for someone: a duplicate member, or one member's history given to another.
        problem(row, 'birthDate', 'birthDateNeeded', {
          name: v.name,
          ids: sameName.map((m) => m.id).join('、'),
        });
        continue;
      }
      match = candidates[0];
    }

    if (match) {
      const other = claimedBy.get(match.id);
      if (other !== undefined) {
        problem(row, 'name', 'samePersonTwice', { name: match.name, other });
        continue;
      }
      claimedBy.set(match.id, row);
      const changes = changesFor(match, v);
      if (Object.keys(changes).length === 0) {
        actions.push({ row, action: 'unchanged', id: match.id });
        counts.unchanged++;
      } else {
        actions.push({ row, action: 'update', id: match.id, changes });
        counts.updated++;
      }
      continue;
    }

    if (v.birthDate !== undefined) {
      const key = nameBirthKey(v.name, v.birthDate);
      const other = newPersonRow.get(key);
      if (other !== undefined) {
        problem(row, 'name', 'samePersonTwice', { name: v.name, other });
        continue;
      }
      newPersonRow.set(key, row);
    }
    actions.push({ row, action: 'create', member: newMember(v) });
    counts.created++;
  }

  const order = (p: RosterProblem) => (p.field ? (roster.columns[p.field]?.index ?? -1) : -1);
  return { actions, problems: sortProblems(problems, order), counts };
}

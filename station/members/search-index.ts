import type * as PinyinPro from 'pinyin-pro';
import { lazyRequire } from '../lazy-require.js';
import type { MemberRole } from '../domain/roles.js';

/**
 * Name search for the check-in screen, typed with a TV remote's on-screen letter keyboard: a kiosk
 * has no Chinese input method, so members are found by pinyin. Every syllable of a name may be
 * typed whole or cut short, so `zgq` (initials), `zhangguoqing` (full) and `zhangguoq` (mixed)
 * all find 张国庆; Chinese characters typed on a physical keyboard match the name itself.
 *
 * Converting names to pinyin is the slow part (microseconds per name), so it is done once per
 * roster version and kept per name; a keystroke then only walks the precomputed syllables.
 */

export interface SearchableMember {
  id: number;
  name: string;
  role: MemberRole;
  roleTitle: string | null;
}

interface Entry {
  member: SearchableMember;
  /** Per character of the name, every reading to accept (polyphonic characters have several). */
  syllables: string[][];
  /** First letters of every reading of the first syllable: a cheap first filter. */
  firstLetters: string;
  /** First letters of the later syllables, for a query that starts at the given name (`gq`). */
  laterLetters: string;
  lowerName: string;
}

export interface SearchHit {
  member: SearchableMember;
  /** 0: matched from the start of the name; 1: matched from a later character; 2: by characters. */
  rank: number;
}

const pinyinPro = lazyRequire<typeof PinyinPro>('pinyin-pro');

const HAN = /\p{Script=Han}/u;
const MAX_READINGS = 4;

const charReadings = new Map<string, string[]>();

/** Every reading of one Han character, `ü` written `v` and also `u` (people type both). */
function readingsOf(char: string): string[] {
  let cached = charReadings.get(char);
  if (!cached) {
    const all = pinyinPro().pinyin(char, {
      toneType: 'none',
      type: 'array',
      multiple: true,
      v: true,
    });
    cached = all.map((r) => r.toLowerCase());
    charReadings.set(char, cached);
  }
  return cached;
}

function withU(reading: string): string[] {
  return reading.includes('v') ? [reading, reading.replaceAll('v', 'u')] : [reading];
}

/**
 * The syllables of a name. The reading in context comes first (pinyin-pro's surname mode reads
 * 单 as shan, 曾 as zeng, 解 as xie, 仇 as qiu), then the character's other readings, so a user
 * who types the everyday reading of a polyphonic surname still finds the person.
 */
export function nameSyllables(name: string): string[][] {
  const chars = [...name.replace(/\s+/g, '')];
  const inContext = pinyinPro().pinyin(chars.join(''), {
    toneType: 'none',
    type: 'array',
    surname: 'head',
    v: true,
  });
  return chars.map((char, i) => {
    if (!HAN.test(char)) return [char.toLowerCase()];
    const first = (inContext[i] ?? '').toLowerCase();
    const set = new Set<string>();
    for (const r of [first, ...readingsOf(char)]) {
      if (r && /^[a-z]+$/.test(r)) for (const variant of withU(r)) set.add(variant);
    }
    return [...set].slice(0, MAX_READINGS * 2);
  });
}

/**
 * True when `query` (lower-case letters), from position `pos`, is a run of prefixes of consecutive
 * syllables starting at syllable `at`: every syllable typed whole or cut short, the last one
 * possibly unfinished. Longest prefix first (a full syllable is the likelier intent). A plain
 * function that allocates nothing: it runs for thousands of names on every keystroke.
 */
function walk(syllables: string[][], query: string, pos: number, at: number): boolean {
  if (pos === query.length) return true;
  if (at >= syllables.length) return false;
  const readings = syllables[at]!;
  for (let r = 0; r < readings.length; r++) {
    const reading = readings[r]!;
    let n = 0;
    while (
      n < reading.length &&
      pos + n < query.length &&
      reading.charCodeAt(n) === query.charCodeAt(pos + n)
    ) {
      n++;
    }
    for (let take = n; take >= 1; take--) {
      if (walk(syllables, query, pos + take, at + 1)) return true;
    }
  }
  return false;
}

function normalise(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, '').replaceAll('ü', 'v');
}

export class MemberSearchIndex {
  private readonly entries: Entry[];
  /** Per first letter typed: who matches it, in roster order, and who from the surname. */
  private readonly byFirstLetter = new Map<string, { all: Entry[]; surname: Set<Entry> }>();

  constructor(
    members: readonly SearchableMember[],
    /** Reused per name across roster versions, so a changed roster re-converts only new names. */
    cache: Map<string, string[][]> = new Map(),
  ) {
    this.entries = members.map((member) => {
      let syllables = cache.get(member.name);
      if (!syllables) {
        syllables = nameSyllables(member.name);
        cache.set(member.name, syllables);
      }
      const letters = (list: string[][]) =>
        [...new Set(list.flat().map((r) => r[0] ?? ''))].join('');
      return {
        member,
        syllables,
        firstLetters: letters(syllables.slice(0, 1)),
        laterLetters: letters(syllables.slice(1)),
        lowerName: member.name.toLowerCase(),
      };
    });
    // The first keystroke would otherwise walk the whole roster; answer it from a table.
    for (const e of this.entries) {
      for (const letter of new Set([...e.firstLetters, ...e.laterLetters])) {
        let slot = this.byFirstLetter.get(letter);
        if (!slot) this.byFirstLetter.set(letter, (slot = { all: [], surname: new Set() }));
        slot.all.push(e);
        if (e.firstLetters.includes(letter)) slot.surname.add(e);
      }
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The last query and the entries it matched. Every way of matching is closed under prefixes
   * (a name that matches `zgq` matches `zg`), so the next keystroke only filters these.
   */
  private last: { query: string; matched: Entry[] } | null = null;

  /** 0: from the first character (the surname); 1: from a later character; 2: characters. */
  private rank(e: Entry, q: string, byLetters: boolean): number {
    if (byLetters) {
      const first = q.charAt(0);
      if (e.firstLetters.includes(first) && (q.length === 1 || walk(e.syllables, q, 0, 0))) {
        return 0;
      }
      if (e.laterLetters.includes(first)) {
        for (let i = 1; i < e.syllables.length; i++) {
          if (walk(e.syllables, q, 0, i)) return 1;
        }
      }
    }
    return e.lowerName.includes(q) ? 2 : -1;
  }

  /**
   * Members whose name matches, best first: matches from the first character (the surname) in
   * roster order, then matches from a later character, then plain character matches. An empty
   * query lists everyone in roster order.
   */
  search(query: string, limit: number): { hits: SearchHit[]; total: number } {
    const q = normalise(query).slice(0, 40);
    if (q === '') {
      return {
        hits: this.entries.slice(0, limit).map((e) => ({ member: e.member, rank: 0 })),
        total: this.entries.length,
      };
    }
    const byLetters = /^[a-z]+$/.test(q);
    if (byLetters && q.length === 1) {
      const slot = this.byFirstLetter.get(q) ?? { all: [], surname: new Set<Entry>() };
      const first: SearchHit[] = [];
      const later: SearchHit[] = [];
      for (const e of slot.all) {
        const into = slot.surname.has(e) ? first : later;
        if (into.length < limit) into.push({ member: e.member, rank: into === first ? 0 : 1 });
        if (first.length >= limit) break;
      }
      this.last = { query: q, matched: slot.all };
      return { hits: [...first, ...later].slice(0, limit), total: slot.all.length };
    }
    const pool = this.last && q.startsWith(this.last.query) ? this.last.matched : this.entries;
    const matched: Entry[] = [];
    const buckets: SearchHit[][] = [[], [], []];
    for (const e of pool) {
      const rank = this.rank(e, q, byLetters);
      if (rank < 0) continue;
      matched.push(e);
      if (buckets[rank]!.length < limit) buckets[rank]!.push({ member: e.member, rank });
    }
    this.last = { query: q, matched };
    return { hits: buckets.flat().slice(0, limit), total: matched.length };
  }
}

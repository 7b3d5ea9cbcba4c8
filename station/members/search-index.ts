import { pinyin } from 'pinyin-pro';
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
  /** All first letters anywhere, for a query that starts at the given name (`gq` → 张国庆). */
  anyLetters: string;
  lowerName: string;
}

export interface SearchHit {
  member: SearchableMember;
  /** 0: matched from the start of the name; 1: matched from a later character; 2: by characters. */
  rank: number;
}

const HAN = /\p{Script=Han}/u;
const MAX_READINGS = 4;

const charReadings = new Map<string, string[]>();

/** Every reading of one Han character, `ü` written `v` and also `u` (people type both). */
function readingsOf(char: string): string[] {
  let cached = charReadings.get(char);
  if (!cached) {
    const all = pinyin(char, { toneType: 'none', type: 'array', multiple: true, v: true });
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
  const inContext = pinyin(chars.join(''), {
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
 * True when `query` (lower-case letters) is a run of prefixes of consecutive syllables starting at
 * syllable `from`: every syllable typed whole or cut short, the last one possibly unfinished.
 */
function matchesFrom(syllables: string[][], query: string, from: number): boolean {
  const walk = (pos: number, at: number): boolean => {
    if (pos === query.length) return true;
    if (at >= syllables.length) return false;
    for (const reading of syllables[at]!) {
      // Longest first: a full syllable is the likelier intent; shorter prefixes are the fallback.
      let n = 0;
      while (n < reading.length && pos + n < query.length && reading[n] === query[pos + n]) n++;
      for (let take = n; take >= 1; take--) {
        if (walk(pos + take, at + 1)) return true;
      }
    }
    return false;
  };
  return walk(0, from);
}

function normalise(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, '').replaceAll('ü', 'v');
}

export class MemberSearchIndex {
  private readonly entries: Entry[];

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
      const firstLetters = [...new Set((syllables[0] ?? []).map((r) => r[0] ?? ''))].join('');
      const anyLetters = [...new Set(syllables.flat().map((r) => r[0] ?? ''))].join('');
      return { member, syllables, firstLetters, anyLetters, lowerName: member.name.toLowerCase() };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Members whose name matches, best first: matches from the first character (the surname) in
   * roster order, then matches from a later character, then plain character matches. An empty
   * query lists everyone in roster order.
   */
  search(query: string, limit: number): { hits: SearchHit[]; total: number } {
    const q = normalise(query);
    if (q === '') {
      return {
        hits: this.entries.slice(0, limit).map((e) => ({ member: e.member, rank: 0 })),
        total: this.entries.length,
      };
    }
    const byLetters = /^[a-z]+$/.test(q);
    const buckets: SearchHit[][] = [[], [], []];
    for (const e of this.entries) {
      if (byLetters) {
        if (e.firstLetters.includes(q[0]!) && matchesFrom(e.syllables, q, 0)) {
          buckets[0]!.push({ member: e.member, rank: 0 });
          continue;
        }
        if (e.anyLetters.includes(q[0]!)) {
          let later = false;
          for (let i = 1; i < e.syllables.length && !later; i++)
            later = matchesFrom(e.syllables, q, i);
          if (later) {
            buckets[1]!.push({ member: e.member, rank: 1 });
            continue;
          }
        }
      }
      if (e.lowerName.includes(q)) buckets[2]!.push({ member: e.member, rank: 2 });
    }
    const all = buckets.flat();
    return { hits: all.slice(0, limit), total: all.length };
  }
}

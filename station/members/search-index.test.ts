import { describe, expect, it } from 'vitest';
import { MemberSearchIndex, nameSyllables, type SearchableMember } from './search-index.js';

const NAMES = [
  '张国庆',
  '李秀英',
  '王建军',
  '张国强',
  '赵玉珍',
  '单雄信',
  '曾国藩',
  '吕志强',
  '欧阳明',
];
const roster: SearchableMember[] = NAMES.map((name, i) => ({
  id: i + 1,
  name,
  role: 'member',
  roleTitle: null,
}));
const index = new MemberSearchIndex(roster);
const names = (query: string) => index.search(query, 50).hits.map((h) => h.member.name);

describe('member search by pinyin', () => {
  it.each([
    ['zgq', ['张国庆', '张国强']],
    ['zhangguoqing', ['张国庆']],
    ['zhangguoq', ['张国庆', '张国强']],
    ['zhguoqi', ['张国庆', '张国强']],
    ['ZGQ', ['张国庆', '张国强']],
    ['zgqiang', ['张国强']],
    ['lxy', ['李秀英']],
    ['wangjianjun', ['王建军']],
  ])('%s finds %j', (query, expected) => {
    expect(names(query)).toEqual(expected);
  });

  it('matches from a later character after the matches from the surname', () => {
    // `gq` is 国庆 / 国强 (given names); nobody's name starts with g.
    expect(names('gq')).toEqual(['张国庆', '张国强']);
    // `z` starts 张, 赵, 曾 … and is also inside 吕志强 (zhi): surname matches come first.
    const z = names('z');
    expect(z.indexOf('吕志强')).toBeGreaterThan(z.indexOf('赵玉珍'));
  });

  it('reads polyphonic surnames as surnames, and still accepts the everyday reading', () => {
    expect(nameSyllables('单雄信')[0]![0]).toBe('shan');
    expect(names('shanxiongxin')).toEqual(['单雄信']);
    expect(names('sxx')).toEqual(['单雄信']);
    expect(names('dxx')).toEqual(['单雄信']); // 单 as dan: not wrong enough to hide the person
    expect(nameSyllables('曾国藩')[0]![0]).toBe('zeng');
    expect(names('zgf')).toEqual(['曾国藩']);
  });

  it('accepts ü as v or u, and compound surnames', () => {
    expect(names('lvzhiqiang')).toEqual(['吕志强']);
    expect(names('luzhiqiang')).toEqual(['吕志强']);
    expect(names('oym')).toEqual(['欧阳明']);
    expect(names('ouyang')).toEqual(['欧阳明']);
  });

  it('finds Chinese characters typed on a physical keyboard', () => {
    expect(names('国庆')).toEqual(['张国庆']);
    expect(names('张')).toEqual(['张国庆', '张国强']);
  });

  it('an empty query lists the roster in order; a query matching nobody lists nobody', () => {
    expect(names('')).toEqual(NAMES);
    expect(names('xyzq')).toEqual([]);
    expect(index.search('', 3)).toMatchObject({ total: NAMES.length });
    expect(index.search('', 3).hits).toHaveLength(3);
  });

  it('answers the same whatever was typed before (the next keystroke filters the last answer)', () => {
    const typedIndex = new MemberSearchIndex(roster);
    for (const q of [
      'z',
      'zg',
      'zgq',
      'zgqi',
      'zg',
      'l',
      'lv',
      'lvz',
      '张',
      '张国',
      'gq',
      'g',
      'x',
    ]) {
      const fresh = new MemberSearchIndex(roster).search(q, 50);
      expect([q, typedIndex.search(q, 50)]).toEqual([q, fresh]);
    }
  });

  it('finds the one member among 10,000 names by initials and by full pinyin', () => {
    const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭'];
    const given = [...'建国明华秀英玉兰志强德春海军丽芳伟红金山文平'];
    const big: SearchableMember[] = [];
    for (let i = 0; big.length < 9_999; i++) {
      const name =
        surnames[i % surnames.length]! +
        given[Math.floor(i / surnames.length) % given.length]! +
        given[Math.floor(i / (surnames.length * given.length)) % given.length]!;
      if (name !== '张国庆') big.push({ id: i + 1, name, role: 'member', roleTitle: null });
    }
    big.push({ id: 100_000, name: '张国庆', role: 'secretary', roleTitle: '党支部书记' });
    const large = new MemberSearchIndex(big);
    expect(large.size).toBe(10_000);
    expect(large.search('zhangguoqing', 10).hits.map((h) => h.member.id)).toEqual([100_000]);
    const zgq = large.search('zgq', 10_000).hits;
    expect(zgq.map((h) => h.member.name)).toContain('张国庆');
    // Surname matches first (张 赵 周 郑 朱 read zh-), then names matched from a later character.
    const ranks = zgq.map((h) => h.rank);
    expect(ranks).toEqual([...ranks].sort());
    for (const hit of zgq.filter((h) => h.rank === 0))
      expect('张赵周郑朱').toContain(hit.member.name[0]);
  });
});

import { describe, expect, it } from 'vitest';
import { displayWidth, formatTable } from './members.js';

describe('formatTable', () => {
  it('lines columns up on a terminal where Chinese characters take two cells', () => {
    expect(displayWidth('张国庆')).toBe(6);
    expect(displayWidth('A1')).toBe(2);
    expect(displayWidth('王𪚥')).toBe(4); // outside the BMP, still one wide character
    const lines = formatTable(
      ['编号', '姓名', '卡号'],
      [
        ['1', '欧阳娜娜', 'XY0004'],
        ['12', '王芳', ''],
      ],
    );
    expect(lines).toEqual([
      '编号  姓名      卡号',
      '----  --------  ------',
      '1     欧阳娜娜  XY0004',
      '12    王芳',
    ]);
  });
});

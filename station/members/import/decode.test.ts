import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, implausibleTextReason } from './decode.js';

const TEXT = '姓名,性别,职务\n张国庆,男,党支部书记\n欧阳娜娜,女,宣传委员\n';

describe('decodeText', () => {
  it.each([
    ['utf-8', Buffer.from(TEXT, 'utf8')],
    ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['utf-16le', iconv.encode(TEXT, 'utf-16le', { addBOM: true })],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')])],
    ['gb18030', iconv.encode(TEXT, 'gbk')],
  ])('reads %s', (encoding, bytes) => {
    expect(decodeText(bytes)).toEqual({ text: TEXT, encoding });
  });

  it('recognises UTF-16LE without a BOM', () => {
    expect(decodeText(iconv.encode('name,gender\nZhang Guoqing,male\n', 'utf-16le'))).toEqual({
      text: 'name,gender\nZhang Guoqing,male\n',
      encoding: 'utf-16le',
    });
  });

  it('reads GB18030 characters that GBK lacks (王𪚥, a name character outside the BMP)', () => {
    const bytes = iconv.encode('姓名\n王𪚥\n', 'gb18030');
    expect(iconv.encode('𪚥', 'gbk')).toEqual(Buffer.from('?')); // not in GBK
    expect(decodeText(bytes).text).toBe('姓名\n王𪚥\n');
  });

  it('prefers UTF-8 whenever the bytes are valid UTF-8', () => {
    // Chinese text in UTF-8 is never also valid GBK text of the same meaning; ASCII is both.
    expect(decodeText(Buffer.from('name\nWang\n')).encoding).toBe('utf-8');
    expect(decodeText(Buffer.from('王芳', 'utf8')).text).toBe('王芳');
  });
});

describe('implausibleTextReason', () => {
  it('accepts text people type, tabs and line ends included', () => {
    expect(implausibleTextReason(TEXT)).toBeNull();
    expect(implausibleTextReason('a\tb\r\nc\fd')).toBeNull();
  });

  it('calls binary what has control characters', () => {
    expect(implausibleTextReason('PK\u0003\u0004')).toBe('binary');
    expect(implausibleTextReason('abc\u0000def')).toBe('binary');
  });

  it('calls undecodable what no encoding fits', () => {
    expect(implausibleTextReason('王\ufffd芳')).toBe('undecodable');
  });

  it('rejects random bytes however they were decoded', () => {
    let seed = 12345;
    const noise = Buffer.alloc(64 * 1024);
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      noise[i] = seed >>> 24;
    }
    expect(implausibleTextReason(decodeText(noise).text)).not.toBeNull();
  });
});

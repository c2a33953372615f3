import { describe, expect, it } from 'vitest';
import { bookFileName, NAME_BYTES } from '../../../lib/file/file-name';

const bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * Chromium's own test of a download name (net::IsSafePortablePathComponent with
 * base::i18n::IsFilenameLegal), written out: what chrome.downloads would refuse.
 */
function chromeRefuses(name: string): string | undefined {
  for (const c of name) {
    const code = c.codePointAt(0)!;
    if (
      /["*/:<>?\\|]/.test(c) ||
      /\p{Cc}|\p{Cf}/u.test(c) ||
      (code >= 0xfdd0 && code <= 0xfdef) ||
      (code & 0xfffe) === 0xfffe
    ) {
      return `U+${code.toString(16)} anywhere`;
    }
  }
  const ends = /[\s\u0085.~]/u;
  if (ends.test(name[0]!) || ends.test(name[name.length - 1]!)) return 'whitespace, dot or tilde at an end';
  const stem = name.slice(0, name.lastIndexOf('.'));
  if (ends.test(stem[stem.length - 1] ?? '')) return 'whitespace or dot before the extension';
  if (/^(con|prn|aux|nul|com\d|lpt\d|clock\$)(\.|$)/i.test(name)) return 'a Windows device name';
  if (name.includes('~')) return 'a tilde (a short name on Windows)';
  return undefined;
}

describe('book file names', () => {
  it('is "<title> - <author>.<ext>"', () => {
    expect(bookFileName('演示之书', '示例作者', 'epub')).toBe('演示之书 - 示例作者.epub');
    expect(bookFileName('The Demo Voyage', 'A. Writer', 'txt')).toBe('The Demo Voyage - A. Writer.txt');
  });

  it('leaves the author out when there is none', () => {
    expect(bookFileName('Title', '', 'txt')).toBe('Title.txt');
  });

  it('replaces characters illegal on Windows, macOS or Linux', () => {
    expect(bookFileName('a<b>c:d"e/f\\g|h?i*j', 'x\u0001y', 'epub')).toBe('a_b_c_d_e_f_g_h_i_j - x_y.epub');
  });

  it('never climbs folders or hides the file', () => {
    const name = bookFileName('../../etc/passwd', '..', 'txt');
    expect(name).not.toContain('/');
    expect(name.startsWith('.')).toBe(false);
    expect(bookFileName('...', '', 'txt')).toBe('book.txt');
  });

  it('avoids Windows device names and trailing dots', () => {
    expect(bookFileName('CON', '', 'txt')).toBe('_CON.txt');
    expect(bookFileName('clock$', '', 'txt')).toBe('_clock$.txt');
    expect(bookFileName('Title.', '', 'txt')).toBe('Title.txt');
  });

  it('drops the invisible characters chrome.downloads refuses and keeps what shows', () => {
    // A bidi override (which would show "exe.png" backwards), a zero-width space, a soft hyphen,
    // a zero-width joiner inside an emoji, U+0085, a BOM and a tilde.
    const name = bookFileName('\u202egnp.exe\u202c Odd\u200bName\u00ad👨‍👩‍👧 \u0085Book\ufeff~', 'Writer\u200d', 'epub');
    expect(name).toBe('gnp.exe OddName👨👩👧 Book～ - Writer.epub');
    expect(chromeRefuses(name)).toBeUndefined();
    expect(bookFileName('a～b~c', '', 'txt')).toBe('a～b～c.txt');
    expect(bookFileName('line\u2028break\u0085here\tand\nthere', '', 'txt')).toBe('line break here and there.txt');
    expect(bookFileName('no\ufdd0char\u{1fffe}', '', 'txt')).toBe('no_char_.txt');
  });

  it(`cuts a long name to ${NAME_BYTES} bytes of UTF-8, between whole characters`, () => {
    const cjk = bookFileName('长'.repeat(80), '作者'.repeat(7), 'epub');
    expect(bytes(cjk)).toBeLessThanOrEqual(NAME_BYTES);
    expect(bytes(cjk)).toBeGreaterThan(NAME_BYTES - 3);
    // The title is cut before the author, who keeps a third of the name at most.
    expect(cjk).toMatch(/^长+ - (作者){7}\.epub$/);
    expect(bookFileName('长'.repeat(10), '作者'.repeat(70), 'epub')).toMatch(/^长{10} - (作者){10}作?\.epub$/);
    expect(bookFileName('长'.repeat(300), '', 'epub')).toMatch(/^长{65}\.epub$/);
    expect(cjk).not.toContain('\ufffd');
    // A flag is two code points and a thumbs-up with a skin tone two more: never cut in half.
    for (let pad = 0; pad < 8; pad++) {
      const name = bookFileName(`${'a'.repeat(185 + pad)}🇨🇳👍🏽e\u0301`, '', 'txt');
      expect(bytes(name)).toBeLessThanOrEqual(NAME_BYTES);
      const stem = name.slice(0, -'.txt'.length).replace(/^a+/, '');
      expect(['', '🇨🇳', '🇨🇳👍🏽', '🇨🇳👍🏽e\u0301']).toContain(stem);
    }
  });

  it('always gives a name Chromium accepts, whatever the title', () => {
    const alphabet = [
      'a',
      '长',
      ' ',
      '.',
      '~',
      '\u202e',
      '\u200b',
      '\u200d',
      '\u00ad',
      '\u0085',
      '\u0000',
      '\u001f',
      '\u007f',
      '\ufeff',
      '\ufdd0',
      '\u{1fffe}',
      '👨',
      '🇨',
      'e\u0301',
      '"',
      '/',
      '\\',
      ':',
      '\t',
      '\u3000',
      '\u2028',
    ];
    let seed = 7;
    const pick = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return alphabet[seed % alphabet.length]!;
    };
    for (let i = 0; i < 2_000; i++) {
      const title = Array.from({ length: 1 + (i % 120) }, pick).join('');
      const author = i % 3 ? Array.from({ length: i % 9 }, pick).join('') : '';
      const name = bookFileName(title, author, i % 2 ? 'epub' : 'txt');
      expect(chromeRefuses(name), JSON.stringify([title, author, name])).toBeUndefined();
      expect(bytes(name)).toBeLessThanOrEqual(NAME_BYTES);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { bookFileName } from '../../../lib/file/file-name';

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
    expect(bookFileName('Title.', '', 'txt')).toBe('Title.txt');
  });

  it('bounds the length without cutting a character in half', () => {
    const name = bookFileName('长'.repeat(300), '作者', 'epub');
    expect(Array.from(name).length).toBeLessThanOrEqual(125);
    expect(name.endsWith('长.epub')).toBe(true);
    expect(name).not.toContain('\ufffd');
  });
});

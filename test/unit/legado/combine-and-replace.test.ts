// `&&` (every alternative, in order), `||` (the first that finds something), `%%` (interleaved),
// and every `##regex##replacement` form: removal, replacement with groups, `###` (the first match
// only, rewritten), `##…` alone (the page's source), Java regex and replacement syntax.
import { describe, expect, it } from 'vitest';
import { translateRule } from '../../../lib/legado';
import { readElementsRule, readListRule, readTextRule } from './read-legado';

const PAGE = `<html><body>
<div class="info"><h1>First Book</h1><p class="meta">作者：张三</p><a href="/toc/1">目录</a></div>
<div class="info"><h1>Second</h1><a href="/toc/2">目录</a></div>
<div id="intro"><p>One.</p><p>Two.</p><p>Three.</p></div>
<ul id="list"><li><a href="1.html">Ch 1</a></li><li><a href="2.html">Ch 2</a></li><li><a href="3.html">Ch 3</a></li></ul>
</body></html>`;

describe('&&, || and %%', () => {
  it('&& joins every alternative, in the rule order', () => {
    expect(readTextRule('id.intro@tag.p.0@text&&class.info@tag.h1@text', PAGE)).toBe('One.\nFirst Book\nSecond');
  });

  it('|| takes the first alternative that finds something', () => {
    expect(readTextRule('id.missing@text||id.intro@tag.p.2@text||class.info@text', PAGE)).toBe('Three.');
  });

  it('%% interleaves: the first of each, then the second of each', () => {
    expect(readListRule('class.info@tag.h1@text%%class.info@tag.a@href', PAGE)).toEqual([
      'First Book',
      '/toc/1',
      'Second',
      '/toc/2',
    ]);
  });

  it('combine chapter elements too', () => {
    expect(readElementsRule('id.list@tag.li.0&&id.list@tag.li.-1', PAGE)).toEqual(['Ch 1', 'Ch 3']);
    expect(readElementsRule('id.nothing@tag.li||id.list@tag.li', PAGE)).toEqual(['Ch 1', 'Ch 2', 'Ch 3']);
  });

  it('leaves && inside brackets to the CSS', () => {
    expect(readTextRule('@css:a[href="/toc/1"],a[title="x&&y"]@href', PAGE)).toBe('/toc/1');
  });
});

describe('##regex##replacement', () => {
  it('##regex removes every match', () => {
    expect(readTextRule('class.meta@text##作者：', PAGE)).toBe('张三');
  });

  it('##regex##replacement rewrites every match, with $1 groups', () => {
    expect(readTextRule('class.meta@text##作者：(.*)##by $1', PAGE)).toBe('by 张三');
    expect(readTextRule('class.info@tag.h1@text##(\\w+)##<$1>', PAGE)).toBe('<First> <Book>\n<Second>');
  });

  it('applies to the joined text of a text field, as legado applies it to its one string', () => {
    expect(readTextRule('id.intro@tag.p@text##^\\w+\\.', PAGE)).toBe('\nTwo.\nThree.');
  });

  it('###: only the first match, rewritten; nothing when none matches', () => {
    expect(readTextRule('id.intro@tag.p@text##T(\\w+)##[$1]###', PAGE)).toBe('[wo]');
    expect(readTextRule('id.intro@tag.p@text##Z(\\w+)##[$1]###', PAGE)).toBeUndefined();
  });

  it('##… alone works on the page as it came (legado reads its source)', () => {
    expect(readTextRule('##<h1>([^<]*)</h1>##$1###', PAGE)).toBe('First Book');
  });

  it('reads Java regex syntax: leading flags, \\Q…\\E, $0 and \\$ in the replacement', () => {
    expect(readTextRule('tag.h1.0@text##(?i)first##1st', PAGE)).toBe('1st Book');
    expect(readTextRule('tag.h1.0@text##\\Q.\\E|Book##[$0]', PAGE)).toBe('First [Book]');
    expect(readTextRule('tag.h1.0@text##(Book)##\\$$1', PAGE)).toBe('First $Book');
    expect(readTextRule('tag.h1.0@text##\\p{IsHan}+##?', PAGE)).toBe('First Book');
    expect(readTextRule('class.meta@text##\\p{IsHan}+##?', PAGE)).toBe('?：?');
  });

  it('refuses what JavaScript regexes cannot do, by name', () => {
    expect(() => translateRule('tag.h1@text##a++', 'text')).toThrow(/possessive/);
    expect(() => translateRule('tag.h1@text##(?>a)', 'text')).toThrow(/atomic/);
    expect(() => translateRule('tag.h1@text##[a-z&&[^b]]', 'text')).toThrow(/class/);
    expect(() => translateRule('tag.h1@text##a(?i)b', 'text')).toThrow(/inline flags/);
    expect(() => translateRule('tag.h1@text##a##$x', 'text')).toThrow(/names no group/);
  });

  it("refuses what the rules' linear-time regex engine cannot run: lookahead and backreferences", () => {
    expect(() => translateRule('tag.h1@text##Book(?=\\s)', 'text')).toThrow(
      /uses syntax this extension does not read: "Book\(\?=\\s\)" uses a lookahead/,
    );
    expect(() => translateRule('tag.h1@text##(?!First)\\w+', 'text')).toThrow(/lookahead/);
    expect(() => translateRule('tag.h1@text##(\\w)\\1', 'text')).toThrow(/backreference/);
  });

  it('is left out of a chapter list, as legado ignores it there', () => {
    const translated = translateRule('id.list@tag.li##x', 'elements');
    expect(translated.selector).toEqual({ steps: [{ css: '#list' }, { css: 'li' }] });
    expect(translated.notes).toEqual(['its ##… part is left out, as legado ignores it on a list']);
  });
});

// legado's default rule syntax, form by form, on small pages: what the translated rule reads is
// what legado's rule help and reader say the original reads (JSoup: `class.`/`tag.`/`id.`/
// `text.`/`children` steps find inside each current element, itself included; positions count
// from 0, negative from the end; a text field joins every value with a newline).
import { describe, expect, it } from 'vitest';
import { translateRule } from '../../../lib/legado';
import { readElementsRule, readInsideEach, readLinkRule, readListRule, readTextRule } from './read-legado';

const BOOK = `<html><body>
<div class="info"><h1>First Book</h1><p class="meta">作者：张三</p><a href="/toc/1">目录</a></div>
<div class="info"><h1>Second</h1><a href="/toc/2">查看目录</a></div>
<div id="intro"><p>One.</p><p>Two.</p><p>Three.</p></div>
<ul id="list"><li><a href="1.html">Ch 1</a></li><li><a href="2.html">Ch 2</a></li><li><a href="3.html">Ch 3</a></li><li><a href="4.html">Ch 4</a></li></ul>
</body></html>`;

describe('steps: class., tag., id., text., children and plain CSS', () => {
  it('class.x.0@tag.h1@text: the first .info, then every h1 inside it', () => {
    expect(readTextRule('class.info.0@tag.h1@text', BOOK)).toBe('First Book');
  });

  it('a step without a position keeps every element, and a text field joins their values', () => {
    expect(readTextRule('class.info@tag.h1@text', BOOK)).toBe('First Book\nSecond');
  });

  it('id.x and tag.x, and CSS in a step', () => {
    expect(readTextRule('id.intro@tag.p.1@text', BOOK)).toBe('Two.');
    expect(readTextRule('#intro p.2@text', BOOK)).toBe('Three.');
    expect(readTextRule('.info h1.1@text', BOOK)).toBe('Second');
  });

  it('text.x: elements whose own text contains x, ignoring case', () => {
    expect(readListRule('text.目录@href', BOOK)).toEqual(['/toc/1', '/toc/2']);
    expect(readTextRule('text.first@text', BOOK)).toBe('First Book');
  });

  it('children, and a bare position, are the direct children', () => {
    expect(readTextRule('id.intro@children.1@text', BOOK)).toBe('Two.');
    expect(readTextRule('id.intro@children[2]@text', BOOK)).toBe('Three.');
    expect(readTextRule('id.intro@[0]@text', BOOK)).toBe('One.');
    expect(readTextRule('id.list@children@text', BOOK)).toBe('Ch 1\nCh 2\nCh 3\nCh 4');
  });

  it('each step works inside every element the previous one found', () => {
    expect(readListRule('id.list@tag.li@tag.a.0@href', BOOK)).toEqual(['1.html', '2.html', '3.html', '4.html']);
  });

  it('a step finds the element itself too, as JSoup does: tag.a.0 inside an <a> is that <a>', () => {
    expect(readInsideEach('id.list@tag.a', 'tag.a.0@href', 'item-link', BOOK)).toEqual([
      '1.html',
      '2.html',
      '3.html',
      '4.html',
    ]);
    expect(readInsideEach('id.list@tag.li', 'tag.a.0@href', 'item-link', BOOK)).toEqual([
      '1.html',
      '2.html',
      '3.html',
      '4.html',
    ]);
    expect(readInsideEach('id.list@tag.li', 'text', 'item-text', BOOK)).toEqual(['Ch 1', 'Ch 2', 'Ch 3', 'Ch 4']);
  });
});

describe('positions', () => {
  it('legacy form: .n, .-n, a list n:m, and ! to exclude', () => {
    expect(readTextRule('class.info.-1@tag.h1@text', BOOK)).toBe('Second');
    expect(readTextRule('id.intro@tag.p.2:0@text', BOOK)).toBe('Three.\nOne.');
    expect(readTextRule('id.intro@tag.p!0@text', BOOK)).toBe('Two.\nThree.');
    expect(readTextRule('id.intro@tag.p.!-1@text', BOOK)).toBe('One.\nTwo.');
    expect(readTextRule('#intro p!-1:0@text', BOOK)).toBe('Two.');
  });

  it('bracket form: indexes, ranges with both ends included, steps, exclusion', () => {
    expect(readTextRule('id.list@tag.a[1:2]@text', BOOK)).toBe('Ch 2\nCh 3');
    expect(readTextRule('id.list@tag.a[0,2]@text', BOOK)).toBe('Ch 1\nCh 3');
    expect(readTextRule('id.list@tag.a[0:3:2]@text', BOOK)).toBe('Ch 1\nCh 3');
    expect(readTextRule('id.list@tag.a[:1]@text', BOOK)).toBe('Ch 1\nCh 2');
    expect(readTextRule('id.list@tag.a[2:]@text', BOOK)).toBe('Ch 3\nCh 4');
    expect(readTextRule('id.list@tag.a[!0, -1]@text', BOOK)).toBe('Ch 2\nCh 3');
  });

  it('[-1:0] reverses a list, anywhere in a chain', () => {
    expect(readElementsRule('id.list@tag.a[-1:0]', BOOK)).toEqual(['Ch 4', 'Ch 3', 'Ch 2', 'Ch 1']);
  });

  it('positions past the end name nothing; a range is cut to the list', () => {
    expect(readTextRule('id.intro@tag.p.7@text', BOOK)).toBeUndefined();
    expect(readTextRule('id.intro@tag.p[1:9]@text', BOOK)).toBe('Two.\nThree.');
  });

  it('a CSS attribute selector at the end is CSS, not positions', () => {
    expect(readListRule('id.list@a[href]@href', BOOK)).toHaveLength(4);
  });
});

describe('what a rule takes', () => {
  const PARA = `<div id="c">Own <b>bold</b> text<br>line two<p>para</p><script>x()</script></div>
<img id="i" src="/c.jpg" data-src="/d.jpg">`;

  it('text: the element text (paragraphs kept here; JSoup runs them into one line)', () => {
    expect(readTextRule('id.c@text', PARA)?.replace(/\n/g, ' ')).toBe('Own bold text line two para');
  });

  it('ownText: only its own text nodes', () => {
    expect(readTextRule('id.c@ownText', PARA)).toBe('Own text line two');
  });

  it('textNodes: each own text node on its line', () => {
    expect(readTextRule('id.c@textNodes', PARA)).toBe('Own\ntext\nline two');
  });

  it('html and all: the markup, read as text where text is wanted (scripts left out)', () => {
    expect(readTextRule('id.c@html', PARA)).toBe('Own bold text\nline two\npara');
    expect(readTextRule('id.c@all', PARA)).toBe('Own bold text\nline two\npara');
  });

  it('any other name is an attribute', () => {
    expect(readLinkRule('id.i@src', PARA)).toBe('/c.jpg');
    expect(readLinkRule('id.i@data-src', PARA)).toBe('/d.jpg');
  });

  it('a class named like a script word is just a class', () => {
    expect(translateRule('class.java.0@text', 'text').selector).toEqual({
      steps: [{ css: '.java', pick: [0] }],
      take: 'text',
    });
    expect(translateRule('class.webview@text', 'text').selector).toEqual({
      steps: [{ css: '.webview' }],
      take: 'text',
    });
  });

  it('a chain whose last step is not something to take reads nothing in legado: refused', () => {
    expect(() => translateRule('span.blue:first-child', 'text')).toThrow(/legado reads nothing with it/);
  });
});

describe('a chapter list', () => {
  it('takes every step as elements, and a leading - reverses it', () => {
    expect(readElementsRule('id.list@tag.li', BOOK)).toEqual(['Ch 1', 'Ch 2', 'Ch 3', 'Ch 4']);
    expect(translateRule('-id.list@tag.li', 'elements')).toMatchObject({
      reverse: true,
      selector: { steps: [{ css: '#list' }, { css: 'li' }] },
    });
    expect(translateRule('+id.list@tag.li', 'elements').reverse).toBeUndefined();
  });
});

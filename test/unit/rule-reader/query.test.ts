// Query selectors, the object form of a selector: steps with positions, what to take, how
// alternatives combine, and how each kind of field reads them.
import { describe, expect, it } from 'vitest';
import type { SelectorQuery, SourceRule } from '../../../lib/contract';
import { finishChapter, parseBook, parseTocPage } from '../../../lib/rule-reader/parse';
import { positionsIn } from '../../../lib/rule-reader/query';
import { loadPage, readAll, readContent, readElements, readLink, readText } from '../../../lib/rule-reader/read';
import { applyReplacement } from '../../../lib/rule-reader/replace';

const URL_ = 'https://novel.test/b/';
const HTML = `<html><body>
<div class="box"><p>a</p><p>b</p><div class="box"><p>c</p></div></div>
<ul id="l"><li><a href="1.html" title="one">One</a></li><li><a href="2.html" title="two">Two</a></li><li><a href="1.html">Again</a></li></ul>
<div id="t">Mine <b>not</b> mine too<br>x</div>
</body></html>`;
const page = loadPage(HTML, URL_);
const text = (q: SelectorQuery) => readText(page, null, q);

describe('positionsIn', () => {
  it('counts from 0, negative from the end, and keeps the listed order once each', () => {
    expect(positionsIn([0, -1, 0, 9, -9], 4)).toEqual([0, 3]);
    expect(positionsIn([2, 1], 4)).toEqual([2, 1]);
  });

  it('reads ranges with both ends, backwards when to < from, by a step, cut to the list', () => {
    expect(positionsIn([{ from: 1, to: 2 }], 4)).toEqual([1, 2]);
    expect(positionsIn([{ from: -1, to: 0 }], 4)).toEqual([3, 2, 1, 0]);
    expect(positionsIn([{ from: 0, step: 2 }], 5)).toEqual([0, 2, 4]);
    expect(positionsIn([{ from: 2, to: 40 }], 4)).toEqual([2, 3]);
    expect(positionsIn([{ from: 7, to: 9 }], 4)).toEqual([]);
    expect(positionsIn([{}], 0)).toEqual([]);
  });
});

describe('steps', () => {
  it('find inside each element of the previous step, the element itself included', () => {
    expect(text({ steps: [{ css: '.box' }, { css: '.box' }, { css: 'p' }] })).toBe('a\nb\nc\nc\nc');
    expect(text({ steps: [{ css: '.box', pick: [0] }, { css: '.box', pick: [-1] }, { css: 'p' }] })).toBe('c');
  });

  it('a leading > means the children', () => {
    expect(text({ steps: [{ css: '.box', pick: [0] }, { css: '> p' }] })).toBe('a\nb');
  });

  it('pick and drop apply per element of the previous step', () => {
    expect(readAll(page, { steps: [{ css: '#l li' }, { css: 'a', pick: [0] }], take: 'href' })).toEqual([
      '1.html',
      '2.html',
    ]);
    expect(text({ steps: [{ css: '#l a', drop: [0] }] })).toBe('Two\nAgain');
  });

  it('no steps: the page itself (or, inside a chapter element, that element)', () => {
    expect(
      readText(page, null, { take: 'html', replace: [{ regex: '[\\s\\S]*<b>(\\w+)</b>[\\s\\S]*', with: '$1' }] }),
    ).toBe('not');
    const li = readElements(page, '#l li')[1]!;
    expect(readText(page, li, { take: 'text' })).toBe('Two');
  });
});

describe('take', () => {
  it('text, ownText, textNodes, html and attributes', () => {
    expect(text({ steps: [{ css: '#t' }] })).toBe('Mine not mine too\nx');
    expect(text({ steps: [{ css: '#t' }], take: 'ownText' })).toBe('Mine mine too x');
    expect(text({ steps: [{ css: '#t' }], take: 'textNodes' })).toBe('Mine\nmine too\nx');
    expect(readAll(page, { steps: [{ css: '#t' }], take: 'html' })).toEqual([
      '<div id="t">Mine <b>not</b> mine too<br>x</div>',
    ]);
    expect(readAll(page, { steps: [{ css: '#l a' }], take: 'title' })).toEqual(['one', 'two']);
  });

  it('skips blank and repeated attribute values', () => {
    expect(readAll(page, { steps: [{ css: '#l a' }], take: 'href' })).toEqual(['1.html', '2.html']);
  });
});

describe('alternatives', () => {
  const a = { steps: [{ css: '#l a', pick: [0, 1] }] };
  const b = { steps: [{ css: '#l a', pick: [2] }] };
  const none = { steps: [{ css: '#none' }] };

  it('firstOf: the first that finds something; all: each in order; zip: interleaved', () => {
    expect(text({ firstOf: [none, b, a] })).toBe('Again');
    expect(text({ all: [b, a] })).toBe('Again\nOne\nTwo');
    expect(text({ zip: [a, b] })).toBe('One\nAgain\nTwo');
    expect(readElements(page, { all: [b, none, a] })).toHaveLength(3);
  });
});

describe('how fields read a query', () => {
  it('a text field joins every value, then replaces over the whole', () => {
    expect(text({ steps: [{ css: '#l a' }], replace: [{ regex: '\\n', with: ' / ' }] })).toBe('One / Two / Again');
  });

  it('a link field takes the first value, then replaces', () => {
    expect(
      readLink(page, null, { steps: [{ css: '#l a' }], take: 'href', replace: [{ regex: '\\.html$', with: '.htm' }] }),
    ).toBe('1.htm');
  });

  it('HTML taken for a text field is read as text, after the replacements', () => {
    expect(readContent(page, { steps: [{ css: '#t' }], take: 'html', replace: [{ regex: '<b>.*?</b>' }] }).text).toBe(
      'Mine mine too\nx',
    );
  });

  it('nothing found is undefined, or no content', () => {
    expect(text({ steps: [{ css: '#none' }] })).toBeUndefined();
    expect(readContent(page, { steps: [{ css: '#none' }] })).toEqual({ text: '', found: 0 });
  });
});

describe('replacements', () => {
  it('rewrite every match, or with first only the first match, rewritten', () => {
    expect(applyReplacement('a1 b2', { regex: '(\\w)(\\d)', with: '$2$1' })).toBe('1a 2b');
    expect(applyReplacement('a1 b2', { regex: '(\\w)(\\d)', with: '$2$1', first: true })).toBe('1a');
    expect(applyReplacement('xyz', { regex: '\\d', first: true })).toBe('');
    expect(applyReplacement('A\nb', { regex: '^b', flags: 'mi', with: 'c' })).toBe('A\nc');
  });
});

describe('rules with queries', () => {
  const rule: SourceRule = {
    id: 'q',
    name: 'Q',
    enabled: true,
    matches: ['*://novel.test/*'],
    book: { title: { steps: [{ css: '#l a', pick: [-1] }] } },
    toc: {
      chapters: { steps: [{ css: '#l li', pick: [{ from: -1, to: 0 }] }] },
      title: 'a@title',
      url: { steps: [{ css: 'a' }], take: 'href' },
    },
    chapter: { content: '#t', replace: [{ regex: '\\nx$' }] },
  };

  it('read the book and the chapters, each from inside its element; no title, no chapter', () => {
    expect(parseBook(HTML, URL_, rule).title).toBe('Again');
    expect(parseTocPage(HTML, URL_, rule).chapters).toEqual([
      { title: 'two', url: 'https://novel.test/b/2.html' },
      { title: 'one', url: 'https://novel.test/b/1.html' },
    ]);
  });

  it('a string selector inside a chapter element matches the element itself too', () => {
    const own = { ...rule, toc: { chapters: '#l a', title: 'a@title', url: 'a@href' } };
    expect(parseTocPage(HTML, URL_, own).chapters.map((c) => c.title)).toEqual(['one', 'two']);
  });

  it('chapter.replace works on the whole chapter text', () => {
    expect(finishChapter('Mine\nx', rule, URL_)).toBe('Mine');
    expect(() => finishChapter('\nx', rule, URL_)).toThrow(/no text left after the source's chapter.replace/);
  });
});

describe('a hostile page', () => {
  it('cannot make overlapping steps search without end: past the budget the read fails with parse', () => {
    const depth = 4000;
    const nested = `<html><body>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</body></html>`;
    const deep = loadPage(nested, URL_);
    const query: SelectorQuery = { steps: [{ css: 'div' }, { css: 'div' }] };
    expect(() => readText(deep, null, query)).toThrow(
      /asks too much of this page: its steps search inside elements that nest deeply/,
    );
    expect(
      readText(deep, null, {
        steps: [
          { css: 'div', pick: [0] },
          { css: 'div', pick: [-1] },
        ],
      }),
    ).toBe('x');
  });
});

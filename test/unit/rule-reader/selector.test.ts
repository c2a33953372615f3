import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors';
import { parseSelector, selectAll, selectFirst } from '../../../lib/rule-reader/selector';

const PAGE = 'https://www.novel.test/book/1/index.html';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
  return undefined;
}

describe('parseSelector', () => {
  it('defaults to text', () => {
    expect(parseSelector('#info h1')).toEqual({ css: '#info h1', what: 'text' });
  });

  it('splits off what to take', () => {
    expect(parseSelector('a.next @ href')).toEqual({ css: 'a.next', what: 'href' });
    expect(parseSelector('img.cover@data-src')).toEqual({ css: 'img.cover', what: 'data-src' });
  });

  it('leaves @ and ## inside attribute selectors to the CSS', () => {
    expect(parseSelector('a[href*="@"]')).toEqual({ css: 'a[href*="@"]', what: 'text' });
    expect(parseSelector("a[title='x@y']@title")).toEqual({ css: "a[title='x@y']", what: 'title' });
    expect(parseSelector('a[title="##"]@href')).toEqual({ css: 'a[title="##"]', what: 'href' });
  });

  it('parses ##regex##replacement, including an empty or missing replacement', () => {
    const p = parseSelector('.author##^作者[:：]\\s*##');
    expect(p.css).toBe('.author');
    expect(p.regex?.source).toBe('^作者[:：]\\s*');
    expect(p.replacement).toBe('');
    expect(parseSelector('h1##\\s+').replacement).toBe('');
    expect(parseSelector('h1@title##(\\d+)##No.$1').replacement).toBe('No.$1');
    expect(parseSelector('h1@title##(\\d+)##No.$1').what).toBe('title');
  });

  it('rejects bad syntax, CSS and regexes with invalid_source', () => {
    expect(codeOf(() => parseSelector('h1##(##'))).toBe('invalid_source');
    expect(codeOf(() => parseSelector('div[class'))).toBe('invalid_source');
    expect(codeOf(() => parseSelector('@href'))).toBe('invalid_source');
    expect(codeOf(() => parseSelector('h1@'))).toBe('invalid_source');
    expect(codeOf(() => parseSelector('h1@te xt'))).toBe('invalid_source');
    expect(codeOf(() => parseSelector('h1####'))).toBe('invalid_source');
    expect(codeOf(() => parseSelector(''))).toBe('invalid_source');
  });

  it('names the selector in the error sentence', () => {
    expect(() => parseSelector('h1##[##')).toThrow(/"h1##\[##"/);
  });
});

describe('selectAll / selectFirst', () => {
  const $ = load(`
    <div id="info"><h1> Book <i>One</i> </h1><p>作者：张三</p><p>状态：连载</p></div>
    <img class="cover" src="../../img/1.jpg" data-id="../raw">
    <div id="list">
      <a href="2.html">Two</a><a href="/book/1/3.html">Three</a><a href="https://cdn.test/4.html">Four</a>
      <a>no href</a>
    </div>
    <p class="empty">   </p><p class="empty">found</p>
    <div id="intro"><b>Bold</b> and <i>it</i></div>
  `);

  it('takes text by default', () => {
    expect(selectFirst($, null, '#info h1', PAGE)).toBe('Book One');
  });

  it('resolves @href and @src against the page URL', () => {
    expect(selectAll($, null, '#list a@href', PAGE)).toEqual([
      'https://www.novel.test/book/1/2.html',
      'https://www.novel.test/book/1/3.html',
      'https://cdn.test/4.html',
    ]);
    expect(selectFirst($, null, 'img.cover@src', PAGE)).toBe('https://www.novel.test/img/1.jpg');
  });

  it('returns other attributes as written', () => {
    expect(selectFirst($, null, 'img.cover@data-id', PAGE)).toBe('../raw');
  });

  it('takes inner HTML with @html', () => {
    expect(selectFirst($, null, '#intro@html', PAGE)).toBe('<b>Bold</b> and <i>it</i>');
  });

  it('applies ##regex##replacement to each result, globally, with $1', () => {
    expect(selectAll($, null, '#info p##^.*?[:：]##', PAGE)).toEqual(['张三', '连载']);
    expect(selectFirst($, null, '#info p##^(作者)：(.*)$##$2 ($1)', PAGE)).toBe('张三 (作者)');
    expect(selectAll($, null, '#list a@href##(\\d)##x$1x', PAGE)[0]).toBe('https://www.novel.test/book/1/x2x.html');
    expect(selectFirst($, null, '#info h1##o##0', PAGE)).toBe('B00k One');
  });

  it('skips empty results and returns undefined when nothing is found', () => {
    expect(selectFirst($, null, 'p.empty', PAGE)).toBe('found');
    expect(selectFirst($, null, '#missing', PAGE)).toBeUndefined();
    expect(selectAll($, null, '#missing@href', PAGE)).toEqual([]);
    expect(selectFirst($, null, '#info p##.*##', PAGE)).toBeUndefined();
  });

  it('searches inside a root element', () => {
    expect(selectAll($, $('#info'), 'p', PAGE)).toEqual(['作者：张三', '状态：连载']);
    expect(selectFirst($, $('#intro'), 'a@href', PAGE)).toBeUndefined();
  });
});

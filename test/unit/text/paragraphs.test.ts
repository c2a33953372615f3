import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { elementText } from '../../../lib/text/paragraphs';

function text(html: string, selector = '#c'): string {
  const $ = load(html);
  return elementText($, $(selector));
}

describe('elementText', () => {
  it('splits the Chinese-site <br><br> layout into paragraphs', () => {
    const html = '<div id="c">&nbsp;&nbsp;&nbsp;&nbsp;第一段。<br><br>&nbsp;&nbsp;&nbsp;&nbsp;第二段。<br/><br/></div>';
    expect(text(html)).toBe('第一段。\n第二段。');
  });

  it('puts each <p> on its own line', () => {
    expect(text('<div id="c"><p>one</p><p>two</p>\n<p>three</p></div>')).toBe('one\ntwo\nthree');
  });

  it('breaks around nested blocks but not inline elements', () => {
    const html = '<div id="c">a<div>b<div>c</div>d</div>e <b>bold</b><span>span</span></div>';
    expect(text(html)).toBe('a\nb\nc\nd\ne boldspan');
  });

  it('drops script, style, noscript and comments', () => {
    const html =
      '<div id="c">x<script>var ad = 1;</script><style>p{}</style><noscript>nojs</noscript><!-- c -->y</div>';
    expect(text(html)).toBe('xy');
  });

  it('collapses whitespace and &nbsp; inside a paragraph', () => {
    expect(text('<p id="c">  hello \n\t  world&nbsp;&nbsp;again  </p>')).toBe('hello world again');
  });

  it('trims full-width indents but keeps full-width spaces inside a line', () => {
    expect(text('<div id="c"><p>\u3000\u3000开头\u3000中间\u3000</p></div>')).toBe('开头\u3000中间');
  });

  it('treats lists, headings and table rows as paragraphs', () => {
    const html =
      '<div id="c"><h2>T</h2><ul><li>a</li><li>b</li></ul><table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table></div>';
    expect(text(html)).toBe('T\na\nb\nx y\nz');
  });

  it('keeps the line breaks of <pre>', () => {
    expect(text('<pre id="c">line one\nline two\n\nline three</pre>')).toBe('line one\nline two\nline three');
  });

  it('returns an empty string for an empty selection', () => {
    expect(text('<div id="c"> &nbsp; <br><br></div>')).toBe('');
    expect(text('<p>x</p>', '#missing')).toBe('');
  });
});

describe('elementText on deep pages', () => {
  // 30,000 is three times what a recursive walk survived (it overflowed at 10,000); deeper costs
  // parse time that grows faster than the page (100,000 takes htmlparser2 seconds), not coverage.
  it('keeps the text of an element nested 30,000 deep, past any call stack', () => {
    const depth = 30_000;
    const $ = load(`<div id="c">${'<div>'.repeat(depth)}深处的文字${'</div>'.repeat(depth)}<p>浅处</p></div>`);
    expect(elementText($, $('#c'))).toBe('深处的文字\n浅处');
  });
});

// `@css:` rules in JSoup's CSS dialect, and the simple XPath legado sources write, read as JSoup
// and JsoupXpath read them.
import { describe, expect, it } from 'vitest';
import { translateRule } from '../../../lib/legado';
import { readElementsRule, readInsideEach, readLinkRule, readListRule, readTextRule } from './read-legado';

const PAGE = `<html><head>
<meta property="og:novel:book_name" content="山城旧梦">
<meta property="og:novel:author" content="落叶先生">
<meta property="og:description" content="A quiet book.">
</head><body>
<h1 class="Title">First Book</h1>
<div class="info"><h3>Author: <a href="/a/1">Jane</a></h3><span>NEXT page</span></div>
<div id="list"><dl>
<dt>Latest</dt><dd><a href="9.html">Ch 9</a></dd>
<dt>All chapters</dt><dd><a href="1.html">Ch 1</a></dd><dd><a href="2.html">Ch 2</a></dd>
</dl></div>
<ul id="menu"><li>a</li><li>b</li><li>c</li></ul>
</body></html>`;

describe('@css:', () => {
  it('is CSS then @ and what to take', () => {
    expect(readTextRule('@css:h1.Title@text', PAGE)).toBe('First Book');
    expect(readListRule('@css:#list dd a@href', PAGE)).toEqual(['9.html', '1.html', '2.html']);
  });

  it('selects chapter elements whole, with no @', () => {
    expect(readElementsRule('@css:#list dd', PAGE)).toEqual(['Ch 9', 'Ch 1', 'Ch 2']);
  });

  it(':contains and :containsOwn ignore case, as in JSoup', () => {
    expect(readTextRule('@css:h3:contains(author) a@text', PAGE)).toBe('Jane');
    expect(readTextRule('@css:.info span:containsOwn(next page)@text', PAGE)).toBe('NEXT page');
    expect(readTextRule('h3:containsOwn(Author:)@ownText', PAGE)).toBe('Author:');
  });

  it(':eq, :lt and :gt count siblings, as in JSoup', () => {
    expect(readTextRule('@css:#menu li:eq(1)@text', PAGE)).toBe('b');
    expect(readTextRule('@css:#menu li:lt(2)@text', PAGE)).toBe('a\nb');
    expect(readTextRule('@css:#menu li:gt(0)@text', PAGE)).toBe('b\nc');
  });

  it('attribute values compare ignoring case, and [a~=text] searches the value', () => {
    expect(readTextRule('@css:[property=OG:NOVEL:AUTHOR]@content', PAGE)).toBe('落叶先生');
    expect(readTextRule('[property~=description]@content', PAGE)).toBe('A quiet book.');
  });

  it('refuses JSoup CSS with no counterpart, by name', () => {
    expect(() => translateRule('@css:p:matches(\\d+)@text', 'text')).toThrow(/:matches/);
    expect(() => translateRule('@css:script:containsData(x)@html', 'text')).toThrow(/:containsData/i);
    expect(() => translateRule('@css:[^data-]@text', 'text')).toThrow(/\[\^prefix\]/);
    expect(() => translateRule('[content~=a.b]@content', 'text')).toThrow(/regex/);
    expect(() => translateRule('@css:h1', 'text')).toThrow(/what to take/);
  });
});

describe('XPath', () => {
  it("//meta[@property='…']/@content", () => {
    expect(readTextRule("//meta[@property='og:novel:author']/@content", PAGE)).toBe('落叶先生');
    expect(readLinkRule('@XPath://h3/a/@href', PAGE)).toBe('/a/1');
  });

  it('the chapters after the last <dt>: dt[last()]/following-sibling::dd/a', () => {
    expect(readElementsRule('//div[@id="list"]/dl/dt[last()]/following-sibling::dd/a', PAGE)).toEqual(['Ch 1', 'Ch 2']);
  });

  it('positions count among same-tag siblings, negative from the end (JsoupXpath)', () => {
    expect(readTextRule("//ul[@id='menu']/li[2]/text()", PAGE)).toBe('b');
    expect(readTextRule("//ul[@id='menu']/li[-1]/text()", PAGE)).toBe('c');
    expect(readTextRule("//ul[@id='menu']/li[last()-1]/text()", PAGE)).toBe('b');
    expect(readElementsRule('//dt[-1]/following-sibling::dd/a', PAGE)).toEqual(['Ch 1', 'Ch 2']);
  });

  it('text() is the own text, //text() all of it, no ending the element (read as text)', () => {
    expect(readTextRule('//h3/text()', PAGE)).toBe('Author:');
    expect(readTextRule('//h3//text()', PAGE)).toBe('Author: Jane');
    expect(readTextRule('//h3', PAGE)).toBe('Author: Jane');
  });

  it('contains(), starts-with(), not() and and', () => {
    expect(readTextRule("//h1[contains(@class,'Tit')]/text()", PAGE)).toBe('First Book');
    expect(readListRule("//dd/a[starts-with(@href,'1')]/@href", PAGE)).toEqual(['1.html']);
    expect(readListRule("//dd/a[not(@href='9.html') and @href]/@href", PAGE)).toEqual(['1.html', '2.html']);
  });

  it('reads @XPath: paths relative to a chapter element', () => {
    expect(readInsideEach('//div[@id="list"]//dd', '@XPath:a/@href', 'item-link', PAGE)).toEqual([
      '9.html',
      '1.html',
      '2.html',
    ]);
    expect(readInsideEach('//div[@id="list"]//dd', '@XPath:.//a/text()', 'item-text', PAGE)).toEqual([
      'Ch 9',
      'Ch 1',
      'Ch 2',
    ]);
    expect(readInsideEach('//div[@id="list"]//dd', '@XPath:/a/text()', 'item-text', PAGE)).toEqual([
      'Ch 9',
      'Ch 1',
      'Ch 2',
    ]);
  });

  it('refuses the rest by name', () => {
    expect(() => translateRule('//a/../@href', 'link')).toThrow(/parent/);
    expect(() => translateRule('//a[text()="x"]/@href', 'link')).toThrow(/predicate/);
    expect(() => translateRule('//a/ancestor::div', 'elements')).toThrow(/axis/);
  });
});

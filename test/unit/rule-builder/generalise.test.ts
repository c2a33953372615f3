// The selector generaliser on small pages made for each pattern: a click on one element becomes
// a selector for the same kind of element (ids and meaningful classes, never a chain of positions),
// with wider and narrower choices.
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { finishToc, parseTocPage } from '../../../lib/rule-reader';
import { loadPage, readElements, readText } from '../../../lib/rule-reader/read';
import { choiceFor, moveChoice } from '../../../lib/rule-builder/field-choice';
import { generalise } from '../../../lib/rule-builder/generalise';
import type { SourceRule } from '../../../lib/contract';

const URL = 'https://novels.example/book/7/';

function page(body: string) {
  return loadPage(`<html><head><title>t</title></head><body>${body}</body></html>`, URL);
}

function at(p: ReturnType<typeof page>, css: string, index = 0): Element {
  const el = p.$(css).get(index);
  if (!el) throw new Error(`the test page has no ${css}`);
  return el as Element;
}

function chaptersRead(p: ReturnType<typeof page>, selector: string): string[] {
  const rule = {
    id: 't',
    name: 't',
    enabled: true,
    matches: ['<all_urls>'],
    book: { title: 'h1' },
    toc: { chapters: selector },
    chapter: { content: 'body' },
  } satisfies SourceRule;
  return finishToc(parseTocPage(p.source, URL, rule).chapters, rule, URL).map((c) => c.title);
}

const rows = (n: number, from = 1, tag = 'dd') =>
  Array.from({ length: n }, (_, i) => `<${tag}><a href="/book/7/${from + i}.html">Name ${from + i}</a></${tag}>`).join(
    '',
  );

const BIQUGE = `
  <div id="wrapper"><div class="nav"><a href="/">Home</a> <a href="/top">Top</a></div>
  <div id="info"><h1>The Lighthouse</h1><p>类别：玄幻</p><p>作者：Wen Shu</p></div>
  <div id="list"><dl><dt>最新章节</dt>${rows(3, 18)}<dt>正文</dt>${rows(20)}</dl></div>
  <ul class="side"><li><a href="/book/8/">Another book</a></li><li><a href="/book/9/">A third</a></li></ul></div>`;

describe('a chapter link stands for its list', () => {
  it("proposes the list the link sits in, anchored by the region's id, and reads every chapter once", () => {
    const p = page(BIQUGE);
    const ladder = generalise(p.$, at(p, '#list dd a', 10), 'list')!;
    const proposed = ladder.choices[ladder.proposed]!;
    expect(proposed.css).toBe('#list dl > dd > a');
    expect(proposed.css).not.toMatch(/nth/);
    expect(proposed.count).toBe(23);
    // The "latest" block repeats the end of the list: a download keeps each chapter once, in order.
    expect(chaptersRead(p, proposed.css)).toEqual(Array.from({ length: 20 }, (_, i) => `Name ${i + 1}`));
    // Wider choices catch more of the page, each a different number; the widest is every row of that shape.
    const wide = page(`${BIQUGE}<dl class="hot">${rows(2, 90)}</dl>`);
    const wider = generalise(wide.$, at(wide, '#list dd a', 10), 'list')!;
    expect(wider.choices).toEqual([
      { css: '#list dl > dd > a', count: 23 },
      { css: 'dd > a', count: 25 },
    ]);
  });

  it('takes the link when the click lands on its row or on a word inside it', () => {
    const p = page(
      `<ul class="chapters">${Array.from({ length: 5 }, (_, i) => `<li><a href="/c/${i}"><span class="num">${i}</span> <b>Story ${i}</b></a></li>`).join('')}</ul>`,
    );
    for (const clicked of [at(p, 'ul.chapters li', 2), at(p, 'ul.chapters b', 2)]) {
      const ladder = generalise(p.$, clicked, 'list')!;
      expect(ladder.choices[ladder.proposed]).toEqual({ css: 'ul.chapters > li > a', count: 5 });
    }
  });

  it('proposes every volume when the list is split into lists of one kind', () => {
    const volume = (n: number, from: number) =>
      `<div class="volume"><h3>Volume ${n}</h3><ul class="chapter-list">${rows(4, from, 'li')}</ul></div>`;
    const p = page(`<div id="main">${volume(1, 1)}${volume(2, 5)}${volume(3, 9)}</div>`);
    const ladder = generalise(p.$, at(p, 'ul.chapter-list a', 5), 'list')!;
    expect(ladder.choices[ladder.proposed]).toEqual({ css: 'ul.chapter-list > li > a', count: 12 });
    // Narrower: only the volume clicked in.
    expect(ladder.choices[0]!.count).toBe(4);
  });

  it('keeps a sidebar of other books out when the list has no name of its own', () => {
    const p = page(
      `<div id="main"><ul>${rows(6, 1, 'li')}</ul></div><div class="aside"><ul>${rows(3, 50, 'li')}</ul></div>`,
    );
    const ladder = generalise(p.$, at(p, '#main a', 2), 'list')!;
    expect(ladder.choices[ladder.proposed]).toEqual({ css: '#main ul > li > a', count: 6 });
  });

  it('takes one link per row when a row links its chapter twice (its name, then a date)', () => {
    const row = (i: number) =>
      `<tr class="chapter-row"><td><a href="/c/${i}">Chapter name ${i}</a></td><td class="text-right"><a href="/c/${i}">${i} days ago</a></td></tr>`;
    const p = page(`<table id="chapters"><tbody>${[1, 2, 3, 4].map(row).join('')}</tbody></table>`);
    const ladder = generalise(p.$, at(p, 'tr a', 2), 'list')!;
    const css = ladder.choices[ladder.proposed]!.css;
    expect(css).toBe('#chapters tbody > tr.chapter-row > td:nth-of-type(1) > a');
    expect(chaptersRead(p, css)).toEqual(['Chapter name 1', 'Chapter name 2', 'Chapter name 3', 'Chapter name 4']);
  });

  it("leaves classes that mark a row's state or were made by a build tool out of the selector", () => {
    const items = Array.from(
      { length: 6 },
      (_, i) =>
        `<li class="item ${i % 2 ? 'odd' : 'even'} ${i === 2 ? 'active' : ''}"><a href="/c/${i}">x${i}</a></li>`,
    ).join('');
    const p = page(`<section class="css-1x2y3z toc_ab12c"><ul class="sc-bdVaJa">${items}</ul></section>`);
    const ladder = generalise(p.$, at(p, 'li.active a'), 'list')!;
    const css = ladder.choices[ladder.proposed]!.css;
    expect(css).toBe('ul > li.item > a');
    expect(css).not.toMatch(/odd|even|active|css-|sc-|ab12c/);
  });
});

describe('one element: a title, an author, a next-page link', () => {
  it('names a title by its tag when that is enough, and by the region it sits in otherwise', () => {
    const p = page(`<h1><a href="/">Site logo</a></h1>${BIQUGE}`);
    const choice = choiceFor(p, 'title', at(p, '#info h1'), 'picked')!;
    expect(choice.selector).toBe('#info h1');
    expect(readText(p, null, choice.selector)).toBe('The Lighthouse');
  });

  it('finds a labelled author by its label and takes the label off', () => {
    const p = page(BIQUGE);
    const choice = choiceFor(p, 'author', at(p, '#info p', 1), 'picked')!;
    expect(choice.selector).toBe('#info p:containsOwn(作者)##^\\s*作者\\s*[:：]\\s*##');
    expect(readText(p, null, choice.selector)).toBe('Wen Shu');
  });

  it('prefers an id that names the element, not one that numbers it', () => {
    const p = page(`<div id="post-81723"><div id="content">text</div><a id="next_page" href="2.html">Next</a></div>`);
    expect(choiceFor(p, 'content', at(p, '#content'), 'picked')!.selector).toBe('#content');
    const wider = moveChoice(p, 'content', choiceFor(p, 'content', at(p, '#content'), 'picked')!, 1);
    expect(wider.selector).not.toContain('81723');
    expect(choiceFor(p, 'next', at(p, 'a'), 'picked')!.selector).toBe('#next_page@href');
  });

  it('finds a next-page link among its neighbours by its words rather than its place', () => {
    const p = page(
      `<div class="bottom-nav"><a href="1.html">上一页</a><a href="/book/7/">目录</a><a href="7_2.html">下一页</a></div>`,
    );
    const choice = choiceFor(p, 'next', at(p, 'a', 2), 'picked')!;
    expect(choice.selector).toBe('a:containsOwn(下一页)@href');
    expect(readText(p, null, choice.selector)).toBe('https://novels.example/book/7/7_2.html');
  });
});

describe("a click in a chapter's text", () => {
  const TEXT = `<div class="header"><a href="/">Home</a></div>
    <div class="read-area"><article class="prose">${Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i + 1} of the chapter.</p>`).join('')}</article>
    <div class="comments"><p>First comment</p></div></div>`;

  it('proposes the block holding the paragraphs, with the paragraph itself one step narrower', () => {
    const p = page(TEXT);
    const choice = choiceFor(p, 'content', at(p, 'article p', 3), 'picked')!;
    expect(choice.selector).toBe('article.prose');
    expect(readElements(p, choice.selector)).toHaveLength(1);
    const narrower = moveChoice(p, 'content', choice, -1);
    expect(p.$(narrower.selector).first().text()).toBe('Paragraph 4 of the chapter.');
    const wider = moveChoice(p, 'content', choice, 1);
    expect(wider.selector).toBe('div.read-area');
  });

  it('takes the element clicked when the text is a run of lines in one block', () => {
    const p = page(
      `<div><div id="chaptercontent">&nbsp;&nbsp;Line one<br><br>&nbsp;&nbsp;Line two<br><br>&nbsp;&nbsp;Line three</div></div>`,
    );
    expect(choiceFor(p, 'content', at(p, '#chaptercontent'), 'picked')!.selector).toBe('#chaptercontent');
  });
});

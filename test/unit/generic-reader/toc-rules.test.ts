// Each rule of thumb the generic reader uses to find a chapter list, on a small page of our own
// that shows the pattern (the real pages in ../shared/real-pages measure the whole: npm run test:real).
import { describe, expect, it } from 'vitest';
import { genericReader } from '../../../lib/generic-reader';
import { decideOrder } from '../../../lib/generic-reader/order';

const URL_ = 'https://novel.example/book/7/';
const page = (body: string, head = '<title>七星剑</title>') =>
  `<html><head>${head}</head><body><h1>七星剑</h1>${body}</body></html>`;

function toc(html: string, url = URL_) {
  return genericReader.finishToc(genericReader.parseTocPage(html, url).chapters, url);
}

describe('one entry per chapter, with its best name', () => {
  it('takes the name, not the date link to the same chapter, and keeps the order the names and addresses give', () => {
    const rows = [1, 2, 3, 4]
      .map(
        (n) =>
          `<tr><td><a href="/book/7/c/${100 + n}">Chapter ${n}: Part ${n}</a></td><td><a href="/book/7/c/${100 + n}"><time>${30 - n} days</time> ago</a></td></tr>`,
      )
      .join('');
    const chapters = toc(
      page(`<table><thead><tr><th>Chapter Name</th><th>Release Date</th></tr></thead><tbody>${rows}</tbody></table>`),
    );
    expect(chapters.map((c) => c.title)).toEqual([
      'Chapter 1: Part 1',
      'Chapter 2: Part 2',
      'Chapter 3: Part 3',
      'Chapter 4: Part 4',
    ]);
  });

  it('joins a link naming only the number with the link naming the chapter', () => {
    const rows = [1, 2, 3]
      .map(
        (n) =>
          `<tr><td><a href="/book/7/chuong-${n}.html">Chương ${n}</a></td><td><a href="/book/7/chuong-${n}.html">Tên ${n}</a></td></tr>`,
      )
      .join('');
    expect(toc(page(`<table>${rows}</table>`)).map((c) => c.title)).toEqual([
      'Chương 1 Tên 1',
      'Chương 2 Tên 2',
      'Chương 3 Tên 3',
    ]);
  });

  it('prefers a title attribute that the link text only adds a date to', () => {
    const items = ['三、归来', '二、远行', '一、出山']
      .map((t, i) => `<li><a href="/book/7/${30 - i}" title="${t}">${t} - 11-0${3 - i}</a></li>`)
      .join('');
    expect(toc(page(`<ul>${items}</ul>`)).map((c) => c.title)).toEqual(['一、出山', '二、远行', '三、归来']);
  });

  it("keeps each row's comments link out of the chapters, however chapter-like its text", () => {
    const rows = [1, 2, 3]
      .map(
        (n) =>
          `<tr><td><a href="/book/7/${n}.html">Chapter ${n}: Name</a></td><td><a href="/comments/${n}">Chapter ${n} comments</a></td></tr>`,
      )
      .join('');
    expect(toc(page(`<table>${rows}</table>`)).map((c) => c.url)).toEqual(
      [1, 2, 3].map((n) => `https://novel.example/book/7/${n}.html`),
    );
  });

  it("keeps a link's parts apart as the page shows them, and drops the time among them", () => {
    const items = [1, 2, 3]
      .map(
        (n) =>
          `<li><a href="/book/7/chapter-${n}"><span class="no">${n}</span><strong>Chapter ${n}: Name ${n}</strong><time>2 years ago</time></a></li>`,
      )
      .join('');
    expect(toc(page(`<ul>${items}</ul>`)).map((c) => c.title)).toEqual([
      '1 Chapter 1: Name 1',
      '2 Chapter 2: Name 2',
      '3 Chapter 3: Name 3',
    ]);
  });

  it('prefers a title attribute the link text holds among numbers and dates', () => {
    const items = [1, 2]
      .map(
        (n) =>
          `<li><a href="/book/7/c${n}" title="Chapter ${n}: Name"><span>${n}</span><strong>Chapter ${n}: Name</strong><time>2 years ago</time></a></li>`,
      )
      .join('');
    expect(toc(page(`<ul>${items}</ul>`)).map((c) => c.title)).toEqual(['Chapter 1: Name', 'Chapter 2: Name']);
  });

  it('keeps a release table\'s chapter column apart from its group column, and "0 reviews" out', () => {
    const rows = [3, 2, 1]
      .map(
        (n) =>
          `<tr><td>0${n}/01/24</td><td><a href="/group/team-a/">Team A</a></td><td><a href="/extnu/${500 + n}/">c${n}</a></td></tr>`,
      )
      .join('');
    const chapters = toc(page(`<p><a href="/book/7/reviews">0 reviews</a></p><table><tbody>${rows}</tbody></table>`));
    expect(chapters).toEqual(
      [1, 2, 3].map((n) => ({ title: `c${n}`, url: `https://novel.example/extnu/${500 + n}/` })),
    );
  });
});

describe('lists that are not a plain <ul> of 第N章 links', () => {
  it('reads N章 names in a grid of cells, a row with one link among empty cells included', () => {
    const cell = (n: number, name: string) => `<td><a href="${200 + n}.htm">${name}</a></td>`;
    const html = page(`<table><tr><td colspan="4">第一卷 出山</td></tr>
      <tr>${cell(1, '1章 下山')}${cell(2, '2章 进城')}${cell(3, '3章 遇敌')}${cell(4, '后记')}</tr>
      <tr>${cell(5, '插图')}<td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>
      <tr><td colspan="4">第二卷 入京</td></tr>
      <tr>${cell(6, '1章 京城')}${cell(7, '2章 夜宴')}<td>&nbsp;</td><td>&nbsp;</td></tr></table>`);
    const chapters = toc(html, 'https://novel.example/book/7/index.htm');
    expect(chapters.map((c) => `${c.volume}|${c.title}`)).toEqual([
      '第一卷 出山|1章 下山',
      '第一卷 出山|2章 进城',
      '第一卷 出山|3章 遇敌',
      '第一卷 出山|后记',
      '第一卷 出山|插图',
      '第二卷 入京|1章 京城',
      '第二卷 入京|2章 夜宴',
    ]);
  });

  it('reads a striped table as one list: odd and even rows are rows alike', () => {
    const rows = [1, 2, 3, 4]
      .map(
        (n) =>
          `<tr class="${n % 2 ? 'odd' : 'even'}"><td>${n}</td><td><a href="/book/7/${n}.html">第${n}章 名${n}</a></td><td>2024-0${n}-01</td></tr>`,
      )
      .join('');
    expect(toc(page(`<table><tbody>${rows}</tbody></table>`)).map((c) => c.title)).toEqual([
      '第1章 名1',
      '第2章 名2',
      '第3章 名3',
      '第4章 名4',
    ]);
  });

  it('reads every volume when each sits in its own panel, one of them with a single chapter', () => {
    const panel = (v: number, names: string[]) =>
      `<div class="panel"><div class="panel-heading"><a href="#collapse-${v}">Volume ${v}: Part</a></div><div class="panel-body"><div class="col"><ul class="chapters">${names
        .map((n) => `<li><a href="/book/7/${n.toLowerCase().replace(/ /g, '-')}"><span>${n}</span></a></li>`)
        .join('')}</ul></div></div></div>`;
    const chapters = toc(page(panel(1, ['Vol 1 Chapter 1', 'Vol 1 Chapter 2']) + panel(2, ['Vol 2 Chapter 1'])));
    expect(chapters.map((c) => c.title)).toEqual(['Vol 1 Chapter 1', 'Vol 1 Chapter 2', 'Vol 2 Chapter 1']);
    expect(chapters.map((c) => c.volume)).toEqual(['Volume 1: Part', 'Volume 1: Part', 'Volume 2: Part']);
  });

  it('reads chapters a script opens instead of a link', () => {
    const items = [1, 2, 3, 4]
      .map((n) =>
        n === 3
          ? `<li><b onclick="window.open('/book/7/${n}.htm')">第${n}章 暗影</b></li>`
          : `<li><a href="/book/7/${n}.htm">第${n}章 篇${n}</a></li>`,
      )
      .join('');
    expect(toc(page(`<ul>${items}</ul>`)).map((c) => c.url)).toEqual(
      [1, 2, 3, 4].map((n) => `https://novel.example/book/7/${n}.htm`),
    );
  });

  it('reads unnumbered names under a container named for chapters, or with addresses counting by one', () => {
    const named = page(
      `<div id="chapters"><ul><li><h4><a href="/book/9001">Here without you</a></h4></li><li><h4><a href="/book/9350">All of me</a></h4></li></ul></div>`,
    );
    expect(toc(named, 'https://novel.example/book/8800').map((c) => c.title)).toEqual([
      'Here without you',
      'All of me',
    ]);
    const counted = page(
      `<div class="box"><dl><dd><a href="/n77/1/">Prologue</a></dd></dl><dl><dd><a href="/n77/2/">The Road</a></dd></dl><dl><dd><a href="/n77/3/">A River</a></dd></dl></div>`,
    );
    expect(toc(counted, 'https://novel.example/n77/').map((c) => c.title)).toEqual(['Prologue', 'The Road', 'A River']);
  });

  it('does not take a sidebar of other books or an archive by month for chapters', () => {
    const sidebar = `<ul>${[7, 8, 9, 10].map((n) => `<li><a href="/book/${n}/">书${n}</a></li>`).join('')}</ul>`;
    expect(genericReader.parseTocPage(page(sidebar), 'https://novel.example/book/42/1.html').chapters).toEqual([]);
    const archive = `<ul>${[11, 10, 9].map((m) => `<li><a href="/2024/${m}/">2024-${m} (3)</a></li>`).join('')}</ul>`;
    expect(genericReader.parseTocPage(page(archive), 'https://blog.example/').chapters).toEqual([]);
  });
});

describe('the order of the list', () => {
  const list = (order: number[], ids = order) =>
    order.map((n, i) => ({ title: `第${n}章`, url: `https://novel.example/book/7/${ids[i]}.html` }));

  it('turns a list around when its names and addresses both count down', () => {
    expect(decideOrder(list([3, 2, 1]))).toMatchObject({ order: 'desc' });
    expect(genericReader.finishToc(list([3, 2, 1]), URL_).map((c) => c.title)).toEqual(['第1章', '第2章', '第3章']);
  });

  it("keeps the page's order, and says it doubts, when names and addresses disagree", () => {
    const mixed = list([3, 2, 1], [101, 102, 103]);
    expect(decideOrder(mixed)).toMatchObject({ order: 'asc', doubt: 'conflict' });
    expect(genericReader.finishToc(mixed, URL_).map((c) => c.title)).toEqual(['第3章', '第2章', '第1章']);
  });

  it('reads the order from the addresses when the names carry no numbers', () => {
    const unnumbered = ['Dawn', 'Noon', 'Dusk'].map((t, i) => ({ title: t, url: `https://novel.example/s/${90 - i}` }));
    expect(decideOrder(unnumbered)).toMatchObject({ order: 'desc' });
  });

  it('follows the order it is told, whatever it would guess', () => {
    expect(genericReader.finishToc(list([1, 2, 3]), URL_, 'desc').map((c) => c.title)).toEqual([
      '第3章',
      '第2章',
      '第1章',
    ]);
  });
});

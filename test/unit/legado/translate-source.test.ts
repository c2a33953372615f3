// A whole legado source: what becomes of each field, what is refused (with the field and why),
// what an imported source leaves out (with a note), and the 2.x flat format.
import { describe, expect, it } from 'vitest';
import { translateLegado } from '../../../lib/legado';
import { LEGADO_ISSUE_CODES } from '../../../lib/contract';
import { ruleProblems } from '../../../lib/source-rules/validate-rule';

const source = (
  extra: Record<string, unknown> = {},
  rules: { info?: object; toc?: object; content?: object } = {},
) => ({
  bookSourceUrl: 'https://www.novel.test',
  bookSourceName: 'Novel Test',
  ruleBookInfo: { name: 'tag.h1@text', author: 'class.author@text', ...rules.info },
  ruleToc: { chapterList: 'id.list@tag.a', chapterName: 'text', chapterUrl: 'href', ...rules.toc },
  ruleContent: { content: 'id.content@html', ...rules.content },
  ...extra,
});

function one(input: unknown) {
  const { rules, report } = translateLegado([input]);
  return { rule: rules[0], entry: report[0]! };
}

describe('a legado source', () => {
  it('becomes a valid rule of ours, for its site on http and https, with and without www', () => {
    const { rule, entry } = one(source());
    expect(entry).toMatchObject({
      index: 1,
      name: 'Novel Test',
      url: 'https://www.novel.test',
      status: 'imported',
      id: 'legado-novel-test',
      reasons: [],
    });
    expect(rule).toMatchObject({
      id: 'legado-novel-test',
      name: 'Novel Test',
      enabled: true,
      matches: ['*://www.novel.test/*', '*://novel.test/*'],
    });
    expect(ruleProblems(rule)).toEqual([]);
  });

  it('keeps an id made from bookSourceUrl alone, with a tag when it says more than the site', () => {
    expect(one(source({ bookSourceName: 'Renamed' })).rule!.id).toBe('legado-novel-test');
    const withPath = one(source({ bookSourceUrl: 'https://www.novel.test/m' })).rule!.id;
    expect(withPath).toMatch(/^legado-novel-test-[0-9a-z]{7}$/);
    expect(one(source({ bookSourceUrl: 'https://www.novel.test/m' })).rule!.id).toBe(withPath);
  });

  it('applies to a bare domain and its www. twin, never to m. or other subdomains', () => {
    expect(one(source({ bookSourceUrl: 'https://novel.test/' })).rule!.matches).toEqual([
      '*://novel.test/*',
      '*://www.novel.test/*',
    ]);
    expect(one(source({ bookSourceUrl: 'http://m.novel.test' })).rule!.matches).toEqual(['*://m.novel.test/*']);
    expect(one(source({ bookSourceUrl: 'http://127.0.0.1:8080' })).rule!.matches).toEqual(['*://127.0.0.1/*']);
  });

  it('does to names and authors what legado does after every rule', () => {
    const { rule } = one(source());
    expect(rule!.book.title).toMatchObject({ replace: [{ regex: '\\s+作\\s*者.*|\\s+\\S+\\s+著' }] });
    expect(rule!.book.author).toMatchObject({ replace: [{ regex: '^\\s*作\\s*者[:：\\s]+|\\s+著' }] });
  });

  it('maps every rule a download needs', () => {
    const { rule } = one(
      source(
        {},
        {
          info: { coverUrl: 'tag.img.0@src', intro: 'id.intro@html', tocUrl: 'text.目录@href' },
          toc: {
            chapterList: '-id.list@tag.li',
            chapterName: 'tag.a.0@text',
            chapterUrl: 'tag.a.0@href',
            nextTocUrl: 'text.下一页@href',
          },
          content: { title: 'tag.h1@text', nextContentUrl: 'id.next@href', replaceRegex: '##\\(本章完\\)' },
        },
      ),
    );
    expect(rule).toMatchObject({
      book: {
        cover: { steps: [{ css: 'img', pick: [0] }], take: 'src' },
        intro: { steps: [{ css: '#intro' }], take: 'html' },
        tocUrl: { steps: [{ css: ':containsOwn(目录)' }], take: 'href' },
      },
      toc: {
        chapters: { steps: [{ css: '#list' }, { css: 'li' }] },
        title: { steps: [{ css: 'a', pick: [0] }] },
        url: { take: 'href' },
        next: { take: 'href' },
        order: 'desc',
      },
      chapter: {
        content: { take: 'html' },
        title: { take: 'text' },
        next: { steps: [{ css: '#next' }] },
        replace: [{ regex: '\\(本章完\\)' }],
      },
    });
  });

  it('takes a charset from the search URL options and a pace from concurrentRate', () => {
    expect(one(source({ searchUrl: '/s?q={{key}},{"charset":"gbk","method":"POST"}' })).rule!.charset).toBe('gbk');
    expect(one(source({ concurrentRate: '1500' })).rule!.crawl).toEqual({ concurrency: 1, delayMs: 1500 });
    expect(one(source({ concurrentRate: '20/60000' })).rule!.crawl).toEqual({ concurrency: 1, delayMs: 3000 });
  });

  it('is imported when only its search and explore rules need JavaScript', () => {
    const { entry } = one(
      source({ searchUrl: '@js:java.ajax(x)', ruleSearch: { bookList: '<js>list()</js>' }, exploreUrl: '<js>x</js>' }),
    );
    expect(entry.status).toBe('imported');
  });

  it('says what an imported source leaves out', () => {
    const { entry } = one(
      source(
        { header: '{"User-Agent":"x"}', loginUrl: 'https://www.novel.test/login' },
        { info: { coverUrl: '@js:result', author: '{{$.a}}' }, toc: { isVolume: 'tag.b@text' } },
      ),
    );
    expect(entry.status).toBe('imported');
    expect(entry.notes).toEqual([
      'ruleBookInfo.author uses a {{…}} template, which legado evaluates as JavaScript: left out',
      'ruleBookInfo.coverUrl uses JavaScript (@js:): left out',
      'ruleToc.isVolume: volume headings are not marked; one without a link is left out of the chapters',
      'header: not sent; the browser sends its own (its User-Agent, your cookies for the site)',
      'login: not used; if the site needs an account, sign in to it in this browser',
    ]);
  });
});

describe('a source that is skipped', () => {
  it.each([
    [
      'content in <js>',
      { content: { content: '<js>result</js>' } },
      'ruleContent.content',
      'javascript',
      'ruleContent.content uses JavaScript (<js>)',
    ],
    [
      'content in @js:',
      { content: { content: 'id.c@html@js:result.trim()' } },
      'ruleContent.content',
      'javascript',
      'ruleContent.content uses JavaScript (@js:)',
    ],
    [
      'a {{}} toc URL',
      { info: { tocUrl: '/toc/{{$.id}}' } },
      'ruleBookInfo.tocUrl',
      'template',
      'ruleBookInfo.tocUrl uses a {{…}} template, which legado evaluates as JavaScript',
    ],
    [
      '@get: variables',
      { info: { tocUrl: '/toc?id=@get:{id}' } },
      'ruleBookInfo.tocUrl',
      'variables',
      'ruleBookInfo.tocUrl uses @get: variables that another rule saves',
    ],
    [
      'java. calls',
      { toc: { chapterUrl: 'href##.*##java.put(1)' } },
      'ruleToc.chapterUrl',
      'javascript',
      'ruleToc.chapterUrl calls java. functions',
    ],
    [
      'JSONPath',
      { toc: { chapterList: '$.data[*]' } },
      'ruleToc.chapterList',
      'json-path',
      'ruleToc.chapterList uses JSONPath: it reads a JSON API, not a page',
    ],
    [
      'an all-in-one regex list',
      { toc: { chapterList: ':<a href="(.*?)">(.*?)</a>', chapterName: '$2', chapterUrl: '$1' } },
      'ruleToc.chapterList',
      'regex-list',
      'ruleToc.chapterList reads the list with an all-in-one regex (":…")',
    ],
    [
      'a web view',
      { toc: { chapterUrl: "href##$##,{'webView':true}" } },
      'ruleToc.chapterUrl',
      'web-view',
      'ruleToc.chapterUrl needs a web view',
    ],
    [
      'URL options',
      { toc: { chapterUrl: 'href##$##,{"method":"POST"}' } },
      'ruleToc.chapterUrl',
      'request',
      'ruleToc.chapterUrl adds URL options (a request this extension does not make)',
    ],
    ['no book name', { info: { name: '' } }, 'ruleBookInfo.name', 'missing', 'ruleBookInfo.name is empty'],
    [
      'an init rule',
      { info: { init: '<js>x</js>' } },
      'ruleBookInfo.init',
      'javascript',
      'ruleBookInfo.init runs JavaScript',
    ],
    [
      'a formatJs',
      { toc: { formatJs: 'title.trim()' } },
      'ruleToc.formatJs',
      'javascript',
      'ruleToc.formatJs runs JavaScript',
    ],
    [
      'a webJs',
      { content: { webJs: 'document.body.innerText' } },
      'ruleContent.webJs',
      'web-view',
      'ruleContent.webJs needs a web view',
    ],
    [
      'unreadable syntax',
      { content: { content: '@css:p:matches(\\d)@text' } },
      'ruleContent.content',
      'unsupported',
      'ruleContent.content uses syntax this extension does not read: the JSoup pseudo-class :matches has no counterpart here',
    ],
    [
      'a replaceRegex with a selector',
      { content: { replaceRegex: 'tag.p@text' } },
      'ruleContent.replaceRegex',
      'unsupported',
      'ruleContent.replaceRegex is not a ##regex##replacement',
    ],
    [
      'a replaceRegex with a lookahead',
      { content: { replaceRegex: '##^(?=.*本站).*$' } },
      'ruleContent.replaceRegex',
      'unsupported',
      'ruleContent.replaceRegex uses syntax this extension does not read: "^(?=.*本站).*$" uses a lookahead "(?=…)", which the extension\'s regex engine does not support (it keeps every rule fast); match the text itself instead',
    ],
  ])('%s', (_name, rules, field, code, message) => {
    const { rule, entry } = one(source({}, rules as never));
    expect(rule).toBeUndefined();
    expect(entry.status).toBe('skipped');
    expect(entry.reasons).toContainEqual({ field, code, message });
    expect(LEGADO_ISSUE_CODES).toContain(code);
  });

  it('names every reason at once', () => {
    const { entry } = one(source({}, { toc: { chapterList: '<js>x</js>' }, content: { content: '{{x}}' } }));
    expect(entry.reasons.map((r) => r.field)).toEqual(['ruleToc.chapterList', 'ruleContent.content']);
  });

  it('is skipped when not a text source, not a source, or a repeat', () => {
    const { report } = translateLegado([source({ bookSourceType: 1 }), { name: 'x' }, source(), source()]);
    expect(report.map((e) => [e.status, e.reasons.map((r) => r.code)])).toEqual([
      ['skipped', ['not-text']],
      ['skipped', ['not-a-source']],
      ['imported', []],
      ['skipped', ['duplicate']],
    ]);
  });
});

describe('legado 2.x flat sources', () => {
  it('are read with their old field names and separators (# for ##, | for ||)', () => {
    const { rule, entry } = one({
      bookSourceUrl: 'https://old.novel.test',
      bookSourceName: 'Old',
      httpUserAgent: 'UA',
      ruleBookName: 'class.info.0@tag.h1@text',
      ruleBookAuthor: 'class.author@text#作者：',
      ruleChapterUrl: 'text.目录@href',
      ruleChapterList: '-id.list@tag.a',
      ruleChapterName: 'text',
      ruleContentUrl: 'href',
      ruleBookContent: '$id.content@textNodes|id.text@html',
      ruleContentUrlNext: 'text.下一页@href',
    });
    expect(entry.status).toBe('imported');
    expect(rule).toMatchObject({
      book: { author: { replace: [{ regex: '作者：' }, {}] }, tocUrl: { take: 'href' } },
      toc: { order: 'desc' },
      chapter: { content: { firstOf: [{ take: 'textNodes' }, { take: 'html' }] }, next: { take: 'href' } },
    });
    expect(entry.notes).toContain(
      'header: not sent; the browser sends its own (its User-Agent, your cookies for the site)',
    );
  });
});

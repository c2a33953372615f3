import { describe, expect, it } from 'vitest';
import { ruleProblems, validateRule, validateRules } from '../../../lib/source-rules/validate-rule';
import { appErrorOf } from '../../fixtures/app-error';

const good = {
  id: 'mysite',
  name: 'My Site',
  matches: ['https://www.mysite.example/book/*'],
  book: { title: '#info h1', author: '#info p##^作者[:：]##' },
  toc: { chapters: '#list dd a' },
  chapter: { content: '#content', purify: ['一秒记住.*?最快更新'] },
};

describe('validateRule', () => {
  it('accepts a good rule, defaults "enabled" and returns a clean copy', () => {
    const rule = validateRule(good);
    expect(rule).toEqual({ ...good, enabled: true });
    expect(rule).not.toBe(good);
    expect(validateRule({ ...good, enabled: false }).enabled).toBe(false);
  });

  it('reports every bad field by its path in one sentence', () => {
    const bad = {
      id: 'Bad Id',
      name: '',
      enabled: 'yes',
      matches: ['https://ok.example/*', 'not a pattern', 7],
      charset: 'klingon-8',
      book: { title: 42, cover: 'img@' },
      toc: { order: 'random' },
      chapter: { content: '#content', purify: ['(unclosed', 3] },
      crawl: { concurrency: 0, delayMs: 1.5 },
    };
    const problems = ruleProblems(bad);
    const paths = problems.map((p) => p.split(': ')[0]);
    expect(paths).toEqual([
      'id',
      'name',
      'enabled',
      'matches[1]',
      'matches[2]',
      'charset',
      'book.title',
      'book.cover',
      'toc.chapters',
      'toc.order',
      'chapter.purify[0]',
      'chapter.purify[1]',
      'crawl.concurrency',
      'crawl.delayMs',
    ]);
    expect(problems).toContain('book.title: expected a selector text or a query object');
    expect(problems).toContain('toc.chapters: missing, expected a selector text or a query object');
    expect(problems.find((p) => p.startsWith('chapter.purify[0]'))).toMatch(
      /is not a valid regex: .*unterminated group/i,
    );

    const error = appErrorOf(() => validateRule(bad));
    expect(error.code).toBe('invalid_source');
    expect(error.message).toMatch(
      /^The source "Bad Id" is not valid: id: .*; name: .*crawl\.delayMs: expected a whole number from 0 to 60000\.$/,
    );
  });

  it('names missing sections and a non-object input', () => {
    expect(ruleProblems({ id: 'x', name: 'X', matches: ['*://x.example/*'] })).toEqual([
      'book: missing, expected an object',
      'toc: missing, expected an object',
      'chapter: missing, expected an object',
    ]);
    expect(ruleProblems('{"id":"x"}')).toEqual(['expected an object']);
    expect(appErrorOf(() => validateRule(null)).message).toBe('The source is not valid: expected an object.');
  });

  it('refuses unknown keys by their path, with a hint where the key belongs', () => {
    const problems = ruleProblems({
      ...good,
      chapters: '#list a',
      book: { ...good.book, tittle: 'h1' },
      toc: { ...good.toc, content: '#c' },
    });
    expect(problems).toEqual([
      'book.tittle: unknown field',
      'toc.content: unknown field (did you mean "chapter.content"?)',
      'chapters: unknown field (did you mean "toc.chapters"?)',
    ]);
  });

  it('compiles every selector: CSS, what to take and the ##regex##', () => {
    const problems = ruleProblems({
      ...good,
      book: { title: 'div[class', author: 'p@te xt', intro: 'p##(##', tocUrl: 'a@href##x##' },
      toc: { chapters: '#list a', next: '   ' },
    });
    expect(problems[0]).toMatch(/^book\.title: the selector "div\[class" has invalid CSS/);
    expect(problems[1]).toMatch(/^book\.author: the selector "p@te xt" asks for "@te xt"/);
    expect(problems[2]).toMatch(/^book\.intro: the selector "p##\(##" has a regex "\(" that is not a valid regex/);
    expect(problems[3]).toBe('toc.next: expected a selector text, got an empty one');
    expect(problems).toHaveLength(4);
  });

  it('accepts patterns that would backtrack catastrophically (they run in linear time), and refuses what a linear engine cannot run', () => {
    expect(
      ruleProblems({
        ...good,
        book: { title: 'h1##(\\w+\\s?)*$##' },
        chapter: { content: '#content', purify: ['\\s*\\s*\\s*\\s*x', '(a+)+b', '(a|a)*c'] },
      }),
    ).toEqual([]);
    const problems = ruleProblems({
      ...good,
      book: { title: 'h1##(a)\\1##' },
      chapter: { content: '#content', purify: ['ok', 'x(?=y)', '(?<q>a)\\k<q>'] },
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      /^book\.title: the selector "h1##\(a\)\\1##" has a regex "\(a\)\\1" that uses a backreference/,
    );
    expect(problems[1]).toMatch(/^chapter\.purify\[1\]: uses a lookahead "\(\?=…\)"/);
    expect(problems[2]).toMatch(/^chapter\.purify\[2\]: uses a backreference "\\k<q>"/);
  });

  it('accepts test cases and names their bad fields', () => {
    const site = {
      url: 'https://www.mysite.example/book/1/',
      site: 'demo',
      expect: {
        title: 'T',
        author: 'A',
        chapters: 3,
        firstChapter: 'C1',
        contentIncludes: ['x', 'y'],
        contentExcludes: ['ad'],
      },
    };
    const real = { name: 'the saved book page', realPage: 'mysite-book', tocUrl: 'https://www.mysite.example/read/1' };
    const live = { name: 'the page the rule was made on', url: site.url, expect: site.expect };
    expect(
      ruleProblems({
        ...good,
        tests: [
          site,
          real,
          live,
          { realPage: 'mysite-toc' },
          { ...site, expect: { ...site.expect, contentIncludes: 'x' } },
        ],
      }),
    ).toEqual([]);
    const problems = ruleProblems({
      ...good,
      tests: [
        {
          ...site,
          url: 'ftp://x',
          site: '../etc',
          expect: { title: 'T', chapters: 0, firstChapter: 'C', contentIncludes: 5, extra: 1 },
        },
        { ...site, realPage: 'mysite-toc' },
        { url: site.url, site: 'demo' },
        { realPage: 'Not An Id!', tocUrl: 'nowhere' },
        { ...site, tocUrl: 'https://www.mysite.example/read/1' },
        { url: site.url },
      ],
    });
    expect(problems).toEqual([
      'tests[0].url: expected an absolute http:// or https:// URL',
      'tests[0].site: expected a fixture site name like "demo"',
      'tests[0].expect.chapters: expected a whole number from 1 to 100000',
      'tests[0].expect.contentIncludes: expected a text or a list of texts',
      'tests[0].expect.extra: unknown field',
      'tests[1]: expected either "realPage" (with optional "tocUrl") or "url" and "expect" (with "site" for a fixture site, without for the live page), not both',
      'tests[2]: expected either "realPage" (with optional "tocUrl") or "url" and "expect" (with "site" for a fixture site, without for the live page), not both',
      'tests[3].realPage: expected a page id of ../shared/real-pages like "biquge-info-toc"',
      'tests[3].tocUrl: expected an absolute http:// or https:// URL',
      'tests[4]: expected either "realPage" (with optional "tocUrl") or "url" and "expect" (with "site" for a fixture site, without for the live page), not both',
      'tests[5]: expected either "realPage" (with optional "tocUrl") or "url" and "expect" (with "site" for a fixture site, without for the live page), not both',
    ]);
  });
});

describe('validateRules', () => {
  it('takes one rule or a list, and refuses an empty list', () => {
    expect(validateRules(good).map((r) => r.id)).toEqual(['mysite']);
    expect(validateRules([good, { ...good, id: 'other' }]).map((r) => r.id)).toEqual(['mysite', 'other']);
    expect(appErrorOf(() => validateRules([])).code).toBe('invalid_source');
  });

  it('names every bad rule of a list, by id or by position', () => {
    const error = appErrorOf(() => validateRules([good, { ...good, id: 'two', toc: {} }, { ...good, id: 3 }]));
    expect(error.code).toBe('invalid_source');
    expect(error.message).toBe(
      'The source "two" is not valid: toc.chapters: missing, expected a selector text or a query object. ' +
        'The source number 3 in the list is not valid: id: expected an id text.',
    );
  });
});

// The schema of query selectors: a good query is accepted as is, every bad part of a bad one is
// named by its path, and a query that selects chapters takes and replaces nothing.
import { describe, expect, it } from 'vitest';
import { ruleProblems } from '../../../lib/source-rules/validate-rule';

const rule = (patch: { book?: object; toc?: object; chapter?: object }) => ({
  id: 'q',
  name: 'Q',
  matches: ['*://novel.test/*'],
  book: { title: 'h1', ...patch.book },
  toc: { chapters: '#list a', ...patch.toc },
  chapter: { content: '#content', ...patch.chapter },
});

describe('query selectors in a rule', () => {
  it('are accepted wherever a selector is, with toc.title, toc.url and chapter.replace', () => {
    expect(
      ruleProblems(
        rule({
          book: {
            title: { steps: [{ css: '.info', pick: [0] }, { css: 'h1' }], replace: [{ regex: '^书名：' }] },
            author: { firstOf: [{ steps: [{ css: '.a' }] }, { take: 'html' }] },
          },
          toc: {
            chapters: { steps: [{ css: '#list' }, { css: '> li', pick: [{ from: -1, to: 0 }] }] },
            title: { take: 'ownText' },
            url: 'a@href',
            next: { zip: [{ steps: [{ css: 'a' }], take: 'href' }, { take: 'href' }] },
          },
          chapter: {
            content: { steps: [{ css: '#c', drop: [-1] }], take: 'html' },
            replace: [{ regex: '\\n.*完$', flags: 's' }],
          },
        }),
      ),
    ).toEqual([]);
  });

  it('name every bad part by its path', () => {
    expect(
      ruleProblems(
        rule({
          book: {
            title: { steps: [{ css: 'div[', pick: [0], drop: [1] }], take: 'te xt', extra: 1 },
            author: { steps: [{ css: 'a', pick: ['x'] }], replace: [{ regex: 'x(?=y)' }, { regex: '(', flags: 'g' }] },
            cover: { firstOf: [{ take: 'src' }] },
            intro: { firstOf: [{ take: 'src' }, { take: 'href', replace: [] }], all: [] },
          },
          toc: { chapters: { steps: [{ css: 'a' }], take: 'href' } },
          chapter: { content: { steps: [{ css: '+ p' }] }, replace: [] },
        }),
      ),
    ).toEqual([
      'book.title.steps[0].css: the selector "div[" has invalid CSS "div[": Expected name, found ',
      'book.title.steps[0]: expected "pick" or "drop", not both',
      'book.title.take: expected "text", "ownText", "textNodes", "html" or an attribute name',
      'book.title.extra: unknown field',
      'book.author.steps[0].pick[0]: expected a position (a whole number, negative from the end) or a range {"from", "to", "step"}',
      'book.author.replace[0].regex: uses a lookahead "(?=…)", which the extension\'s regex engine does not support (it keeps every rule fast); match the text itself instead',
      'book.author.replace[1].regex: expected flags made of "i", "m", "s" and "u"',
      'book.cover.firstOf: expected 2 to 10 alternatives',
      'book.intro: expected one of "firstOf", "all" or "zip", not "firstOf" and "all"',
      'toc.chapters.take: a query that selects chapter elements takes nothing (use toc.title or toc.url)',
      'chapter.content.steps[0].css: expected CSS that starts with an element or ">", not a sibling combinator',
      'chapter.replace: expected 1 to 10 replacements',
    ]);
  });

  it('keep the string form exactly as it was', () => {
    expect(ruleProblems(rule({ book: { author: '.author##^作者：##' }, toc: { next: 'a.next@href' } }))).toEqual([]);
    expect(ruleProblems(rule({ book: { title: 'h1@' } }))).toEqual([
      'book.title: the selector "h1@" asks for "@", which is not text, html or an attribute name',
    ]);
  });
});

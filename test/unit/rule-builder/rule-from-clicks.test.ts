// A rule made by clicking, end to end in the engine: on the demo site's Quill pages, which the
// generic reader gets wrong, the picks become a rule that validates, reads three chapters through
// `source.test`, carries the page as a live test case that a later `source.test` checks again, and
// downloads the book.
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import {
  assembleRule,
  liveTestCase,
  matchesFor,
  missingFields,
  ruleIdFor,
} from '../../../lib/rule-builder/assemble-rule';
import { choiceFor } from '../../../lib/rule-builder/field-choice';
import { preview } from '../../../lib/rule-builder/preview';
import { proposeBookFields, proposeChapterFields } from '../../../lib/rule-builder/propose';
import { loadPage, type Page } from '../../../lib/rule-reader/read';
import { ruleProblems } from '../../../lib/source-rules/validate-rule';
import { QUILL_BOOK, quillBookPath, quillChapterPath, quillLines, quillTxtLines } from '../../fixtures/site';
import { startService, useDemoSite } from '../engine/service-harness';

const site = useDemoSite();

async function fetched(path: string): Promise<{ page: Page; url: string }> {
  const url = site.origin + path;
  const html = await (await fetch(url)).text();
  return { page: loadPage(html, url), url };
}

const el = (page: Page, css: string, index = 0) => page.$(css).get(index) as Element;

/** What the reader picks on the Quill pages, as the rule builder turns each click into a selector. */
async function picks() {
  const book = await fetched(quillBookPath());
  const chapter = await fetched(quillChapterPath(2));
  return {
    title: proposeBookFields(book.page, book.url).title!.selector,
    author: choiceFor(book.page, 'author', el(book.page, 'div.byline'), 'picked')!.selector,
    chapters: choiceFor(book.page, 'chapters', el(book.page, 'a.leaf', 3), 'picked')!.selector,
    content: choiceFor(chapter.page, 'content', el(chapter.page, 'div.ln', 2), 'picked')!.selector,
    next: choiceFor(chapter.page, 'next', el(chapter.page, 'a.onward'), 'picked')!.selector,
  };
}

describe('the generic reader on the Quill pages', () => {
  it('finds the title and the author but not the chapter list, and takes the guestbook for the text', async () => {
    const book = await fetched(quillBookPath());
    const proposed = proposeBookFields(book.page, book.url);
    expect(preview(book.page, book.url, 'title', proposed.title!.selector).caught).toEqual({
      field: 'title',
      value: QUILL_BOOK.title,
    });
    expect(preview(book.page, book.url, 'author', proposed.author!.selector).caught).toEqual({
      field: 'author',
      value: QUILL_BOOK.author,
    });
    expect(proposed.chapters).toBeUndefined();
    const chapter = await fetched(quillChapterPath(1));
    const text = proposeChapterFields(chapter.page, chapter.url).content;
    const caught = text && preview(chapter.page, chapter.url, 'content', text.selector).caught;
    expect(caught && caught.field === 'content' && caught.lines[0]).not.toBe(quillLines(1, 1)[0]);
  });
});

describe("a rule from the reader's clicks", () => {
  it('reads what the reader clicked: the author without its label, every chapter, the whole text of one page, the page after', async () => {
    const selectors = await picks();
    expect(selectors).toEqual({
      title: 'h1.work-title',
      author: 'div.byline##^\\s*Writer\\s*[:：]\\s*##',
      chapters: 'ol.leaves > li.leaf-row > a.leaf',
      content: 'section.scroll',
      next: 'a.onward@href',
    });
    const book = await fetched(quillBookPath());
    expect(preview(book.page, book.url, 'author', selectors.author).caught).toEqual({
      field: 'author',
      value: QUILL_BOOK.author,
    });
    const list = preview(book.page, book.url, 'chapters', selectors.chapters);
    expect(list.caught).toEqual({
      field: 'chapters',
      count: 6,
      first: 'Salt and Iron',
      last: 'Lamp Oil',
      firstUrl: site.origin + quillChapterPath(1),
      countsDown: false,
    });
    expect(list.paths).toHaveLength(6);
    const chapter = await fetched(quillChapterPath(2));
    expect(preview(chapter.page, chapter.url, 'content', selectors.content).caught).toEqual({
      field: 'content',
      lines: quillLines(2, 1).slice(0, 3),
      length: quillLines(2, 1).join('\n').length,
    });
    expect(preview(chapter.page, chapter.url, 'next', selectors.next).caught).toEqual({
      field: 'next',
      url: site.origin + quillChapterPath(2, 2),
    });
  });

  it('is a valid rule for the site, named by its host, once the required fields are picked', async () => {
    const selectors = await picks();
    const bookUrl = site.origin + quillBookPath();
    expect(missingFields({ title: selectors.title })).toEqual(['chapters', 'content']);
    expect(missingFields(selectors)).toEqual([]);
    const rule = assembleRule({ bookUrl, selectors });
    expect(rule).toMatchObject({ id: 'site-127-0-0-1', name: '127.0.0.1', matches: ['*://127.0.0.1/*'] });
    expect(ruleProblems(rule)).toEqual([]);
    expect(ruleIdFor('https://www.Example.co.uk:8080/b/1')).toBe('site-www-example-co-uk');
    expect(matchesFor('https://m.example.com/b/1')).toEqual(['*://m.example.com/*']);
    expect(assembleRule({ bookUrl, selectors, newestFirst: true }).toc.order).toBe('desc');
  });

  it('reads three chapters over the book through source.test, carries the page as a live test that source.test checks again, and downloads the book', async () => {
    const { call, refusal, waitForTask, ended, files } = await startService({ settings: { maxAttempts: 1 } });
    const bookUrl = site.origin + quillBookPath();
    const draft = {
      bookUrl,
      selectors: await picks(),
      id: 'quill-made',
      matches: [`*://127.0.0.1${quillBookPath()}*`],
    };
    const tested = await call({
      type: 'source.test',
      url: bookUrl,
      rule: { ...assembleRule(draft), enabled: true },
      samples: 3,
    });
    expect(tested.chapters).toBe(6);
    expect(tested.samples?.map((s) => s.index)).toEqual([1, 4, 6]);
    for (const sample of tested.samples ?? []) {
      expect('text' in sample && sample.text).toBe(
        [...quillLines(sample.index, 1), ...quillLines(sample.index, 2)].join('\n'),
      );
    }
    expect(tested.check).toBeUndefined(); // an unsaved rule has no test case yet

    const rule = assembleRule(draft, tested);
    expect(rule.tests).toEqual([liveTestCase(bookUrl, tested)]);
    expect(rule.tests?.[0]).toEqual({
      name: 'The page the rule was made on',
      url: bookUrl,
      expect: {
        title: QUILL_BOOK.title,
        author: QUILL_BOOK.author,
        chapters: 6,
        firstChapter: 'Salt and Iron',
        contentIncludes: quillLines(1, 1)[0],
      },
    });
    expect((await call({ type: 'source.import', sources: rule })).imported).toEqual(['quill-made']);

    // No page given: the rule's own live test case is read and compared.
    const again = await call({ type: 'source.test', sourceId: 'quill-made' });
    expect(again.check).toEqual({ url: bookUrl, problems: [] });
    // A site that changed is named field by field.
    const changed = {
      ...rule,
      id: 'quill-changed',
      tests: [{ ...rule.tests![0]!, expect: { ...rule.tests![0]!.expect!, title: 'Another book', chapters: 9 } }],
    };
    const report = await call({ type: 'source.test', rule: { ...changed, enabled: true } });
    expect(report.check?.problems).toEqual([
      `The title reads "${QUILL_BOOK.title}" where the test case expects "Another book".`,
      'The table of contents lists 6 chapters where the test case found 9.',
    ]);
    expect((await refusal({ type: 'source.test', url: bookUrl, sourceId: 'quill-made', samples: 9 })).code).toBe(
      'invalid_message',
    );

    const { task } = await call({ type: 'task.start', url: bookUrl, format: 'txt' });
    expect(task.sourceId).toBe('quill-made');
    const done = await waitForTask(task.id, ended, 20_000);
    expect(done.status).toBe('completed');
    expect(
      files
        .get(task.id)!
        .text.split('\n')
        .filter((line, i, all) => i < all.length - 1 || line),
    ).toEqual(quillTxtLines(site.origin));
  });
});

// The rule builder's state: what the panel proposes when it opens on a page, how a click, an edit
// and a step on the ladder change it, what survives going from the book page to a chapter, and
// what the port between the page and the panel lets through.
import { describe, expect, it } from 'vitest';
import { bookInfo, chapterParagraphs, chapterTitle, renderBookPageHtml, renderChapterPageHtml } from './demo-pages';
import {
  edit,
  move,
  openPage,
  pick,
  previews,
  setNewestFirst,
  type BuilderState,
} from '../../../lib/rule-builder/builder';
import { nodePath } from '../../../lib/rule-builder/element-path';
import { readPanelMessage, readPickerMessage } from '../../../lib/rule-builder/messages';
import type { Element } from 'domhandler';

const ORIGIN = 'http://127.0.0.1:8080';
const bookUrl = `${ORIGIN}/book/en/`;
const chapterUrl = (n: number) => `${ORIGIN}/book/en/${n}.html`;

function pathOf(state: BuilderState, css: string, index = 0): number[] {
  return nodePath(state.page.$(css).get(index) as Element)!;
}

describe('on a site the generic reader reads well', () => {
  it('proposes every field, so the reader only says it looks right', () => {
    const book = openPage(undefined, bookUrl, renderBookPageHtml('en'));
    expect(book.stage).toBe('book');
    expect(Object.values(book.choices).map((c) => c.origin)).toEqual(['generic', 'generic', 'generic']);
    const shown = previews(book);
    expect(shown.title?.caught).toEqual({ field: 'title', value: bookInfo('en').title });
    expect(shown.author?.caught).toEqual({ field: 'author', value: bookInfo('en').author });
    expect(shown.chapters?.caught).toMatchObject({
      field: 'chapters',
      count: 6,
      first: chapterTitle('en', 1),
      firstUrl: chapterUrl(1),
    });

    // The list counts up, so the rule keeps its order; the reader may turn it around.
    expect(book.session.newestFirst).toBe(false);
    const turned = setNewestFirst(book, true);
    expect(turned.session).toMatchObject({ newestFirst: true, orderChosen: true });
    expect(previews(turned).chapters?.caught).toMatchObject({ first: chapterTitle('en', 6), firstUrl: chapterUrl(6) });

    const chapter = openPage(book.session, chapterUrl(1), renderChapterPageHtml('en', 1));
    expect(chapter.stage).toBe('chapter');
    expect(chapter.session.selectors.title).toBe(book.session.selectors.title);
    const text = previews(chapter).content?.caught;
    expect(text?.field === 'content' && text.lines).toEqual(chapterParagraphs('en', 1).slice(0, 3));
  });
});

describe('a session', () => {
  it('keeps what was picked on the book page when the chapter page opens, and back', () => {
    let book = openPage(undefined, bookUrl, renderBookPageHtml('en'));
    book = edit(book, 'author', '');
    expect(book.session.selectors.author).toBeUndefined();
    const picked = pick(book, 'author', bookUrl, renderBookPageHtml('en'), pathOf(book, '#info p'), 'p');
    if (!('state' in picked)) throw new Error(`missed: ${picked.missed}`);
    expect(picked.state.session.selectors.author).toMatch(/^#info p/);
    const chapter = openPage(picked.state.session, chapterUrl(2), renderChapterPageHtml('en', 2));
    const again = openPage(chapter.session, bookUrl, renderBookPageHtml('en'));
    expect(again.choices.author).toMatchObject({ selector: picked.state.session.selectors.author, origin: 'picked' });
    // Its ladder is there again, from the element the selector finds.
    expect(again.choices.title?.ladder?.choices.map((c) => c.css)).toEqual(['#info h1', '#info', '#maininfo']);
  });

  it('starts anew on another site', () => {
    const book = openPage(undefined, bookUrl, renderBookPageHtml('en'));
    const elsewhere = openPage(book.session, 'https://other.example/b/', renderBookPageHtml('en'));
    expect(elsewhere.session.bookUrl).toBe('https://other.example/b/');
    expect(elsewhere.stage).toBe('book');
  });

  it('refuses a click on a page that is no longer the one shown, or that landed on nothing usable', () => {
    const book = openPage(undefined, bookUrl, renderBookPageHtml('en'));
    const html = renderBookPageHtml('en');
    expect(pick(book, 'chapters', bookUrl, html, pathOf(book, 'h1'), 'div')).toEqual({ missed: 'changed' });
    expect(pick(book, 'chapters', chapterUrl(1), html, pathOf(book, 'h1'), 'h1')).toEqual({ missed: 'changed' });
    expect(pick(book, 'content', bookUrl, html, pathOf(book, 'h1'), 'h1')).toEqual({ missed: 'changed' });
    expect(pick(book, 'chapters', bookUrl, html, pathOf(book, '#intro'), 'div')).toEqual({ missed: 'nothing' });
  });

  it('moves along the ladder and takes typed selectors as they are', () => {
    const book = openPage(undefined, bookUrl, renderBookPageHtml('en'));
    const wider = move(book, 'title', 1);
    expect(wider.choices.title!.selector).toBe('#info');
    expect(move(move(wider, 'title', 1), 'title', 1).choices.title!.selector).toBe('#maininfo');
    expect(move(wider, 'title', -1).choices.title!.selector).toBe('#info h1');
    const typed = edit(book, 'chapters', ' #list dd a ');
    expect(typed.choices.chapters).toEqual({ selector: '#list dd a', origin: 'edited' });
    expect(previews(edit(book, 'title', 'h1:nope(')).title?.problem).toMatch(/invalid CSS|not a valid/i);
  });
});

describe('the port between the page and the panel', () => {
  it('lets through only well-formed messages of each side', () => {
    const html = '<html><body></body></html>';
    expect(readPickerMessage({ type: 'picked', field: 'title', path: [1, 0], tag: 'h1', url: bookUrl, html })).toEqual({
      type: 'picked',
      field: 'title',
      path: [1, 0],
      tag: 'h1',
      url: bookUrl,
      html,
    });
    for (const bad of [
      null,
      'snapshot',
      { type: 'snapshot', url: 'javascript:alert(1)', html },
      { type: 'snapshot', url: bookUrl, html: 'x'.repeat(5_000_001) },
      { type: 'picked', field: 'cover', path: [1], tag: 'img', url: bookUrl, html },
      { type: 'picked', field: 'title', path: [-1], tag: 'h1', url: bookUrl, html },
      { type: 'source.import', sources: [] },
    ]) {
      expect(readPickerMessage(bad)).toBeUndefined();
    }
    expect(readPanelMessage({ type: 'outline', paths: [[1, 2], 'x', [-3]] })).toEqual({
      type: 'outline',
      paths: [[1, 2]],
    });
    expect(readPanelMessage({ type: 'pick', field: 'next', prompt: 'Click' })).toEqual({
      type: 'pick',
      field: 'next',
      prompt: 'Click',
    });
    expect(readPanelMessage({ type: 'pick', field: 'everything', prompt: 'x' })).toBeUndefined();
    expect(readPanelMessage({ type: 'task.start', url: bookUrl })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { messagesOf } from './english';
import type { PageInfo } from '../../../lib/contract';
import { translatorFrom } from '../../../lib/ui/i18n';
import { createStrings, strings } from '../../../lib/ui/strings';
import { badgeText, planToolbar, type TabView } from '../../../lib/ui/toolbar';
import { makeTask } from './fixtures';

const book = (id: string, completed: number, total: number, extra = {}) =>
  makeTask({
    id,
    status: 'running',
    title: `Book ${id}`,
    url: `http://site.test/book/${id}/`,
    completedChapters: completed,
    totalChapters: total,
    ...extra,
  });
const page = (title: string, chapters: number, kind: 'book' | 'toc' = 'book'): PageInfo =>
  kind === 'book'
    ? { kind, url: 'u', sourceId: 'demo', title, chapters }
    : { kind, url: 'u', sourceId: 'generic', title, chapters };
const tab = (id: number, url: string, found: PageInfo | null = null): TabView => ({ id, url, page: found });

const GREEN = '#1e7b34';
const BLUE = '#1a63d6';

describe('the toolbar button when nothing downloads', () => {
  it('is empty, named after the extension, on every tab without a book', () => {
    const plan = planToolbar(
      [tab(1, 'http://site.test/'), tab(2, 'http://site.test/book/1/3.html')],
      [makeTask({ status: 'completed' }), makeTask({ id: 'q', status: 'queued' })],
      strings,
    );
    expect(plan.global).toEqual({ text: '', color: BLUE, title: 'Novel Downloader' });
    expect(plan.tabs.get(1)).toEqual({ text: null, color: BLUE, title: 'Novel Downloader' });
    expect(plan.tabs.get(2)).toEqual(plan.tabs.get(1));
  });

  it("shows a detected book's chapter count and offers it, ✓ when the list is elsewhere", () => {
    const plan = planToolbar(
      [
        tab(1, 'a', page('演示之书', 12)),
        tab(2, 'b', page('T', 1, 'toc')),
        tab(3, 'c', page('T', 0)),
        tab(4, 'd', { kind: 'none', url: 'd' }),
      ],
      [],
      strings,
    );
    expect(plan.tabs.get(1)).toEqual({
      text: '12',
      color: GREEN,
      title: 'Novel Downloader: «演示之书», 12 chapters — click to download',
    });
    expect(plan.tabs.get(2)).toEqual({
      text: '1',
      color: BLUE,
      title: 'Novel Downloader: «T», 1 chapter — click to download',
    });
    expect(plan.tabs.get(3)).toMatchObject({ text: '✓', title: 'Novel Downloader: «T» — click to download' });
    expect(plan.tabs.get(4)).toMatchObject({ text: null, title: 'Novel Downloader' });
  });

  it("says it in the browser's language", () => {
    const chinese = createStrings(translatorFrom(messagesOf('zh_CN')));
    const plan = planToolbar([tab(1, 'a', page('演示之书', 12))], [], chinese);
    expect(plan.global.title).toBe('小说下载器');
    expect(plan.tabs.get(1)!.title).toBe('小说下载器：《演示之书》，12 章 — 点击下载');
  });

  it('fits long books in four characters', () => {
    expect(badgeText(9999)).toBe('9999');
    expect(badgeText(12_345)).toBe('12k');
  });
});

describe('the toolbar button while books download', () => {
  it("shows the running task's percentage on every tab without a book, and says what it is doing", () => {
    const plan = planToolbar([tab(1, 'http://site.test/')], [book('a', 120, 500)], strings);
    expect(plan.global).toEqual({ text: '24%', color: BLUE, title: 'Downloading «Book a»: 120/500 chapters' });
    expect(plan.tabs.get(1)).toEqual({ text: null, color: BLUE, title: 'Downloading «Book a»: 120/500 chapters' });
    expect(planToolbar([], [book('a', 0, 0)], strings).global).toMatchObject({
      text: '0%',
      title: 'Downloading «Book a»: reading the table of contents',
    });
  });

  it("shows the download on the tab of its own book, whatever the #fragment; another book's tab keeps its count", () => {
    const plan = planToolbar(
      [
        tab(1, 'http://site.test/book/a/#top', page('Book a', 2)),
        tab(2, 'http://site.test/book/b/', page('Book b', 2)),
      ],
      [book('a', 1, 2), book('b', 1, 2, { status: 'completed' })],
      strings,
    );
    expect(plan.tabs.get(1)).toEqual({ text: '50%', color: BLUE, title: 'Downloading «Book a»: 1/2 chapters' });
    expect(plan.tabs.get(2)).toMatchObject({ text: '2', color: GREEN });
  });

  it('adds up several tasks, one line each, counts the queue, and never says 100% before the files', () => {
    const plan = planToolbar(
      [],
      [book('a', 50, 100), book('b', 0, 0), book('c', 25, 100), makeTask({ id: 'q', status: 'queued' })],
      strings,
    );
    expect(plan.global.text).toBe('37%');
    expect(plan.global.title.split('\n')).toEqual([
      'Downloading 3 books: 37%',
      '«Book a»: 50/100 chapters',
      '«Book b»: reading the table of contents',
      '«Book c»: 25/100 chapters',
      '1 more waiting',
    ]);
    expect(planToolbar([], [book('a', 10, 10), book('b', 5, 5)], strings).global.text).toBe('99%');
  });

  it("counts a task's missing chapters in its percentage, as its card does", () => {
    expect(planToolbar([], [book('a', 10, 40, { failedChapters: 10 })], strings).global.text).toBe('50%');
  });
});

describe('the toolbar button while tasks wait for the reader', () => {
  const waiting = (id: string, host: string, since: number) =>
    makeTask({
      id,
      status: 'waiting',
      title: `Book ${id}`,
      waitingFor: { kind: 'challenge', host, url: `http://${host}/1.html`, since, until: since + 60_000 },
    });

  it('shows the waiting mark on every tab without a look of its own, naming each site once, before the progress', () => {
    const plan = planToolbar(
      [tab(1, 'http://elsewhere.test/'), tab(2, 'a', page('演示之书', 12))],
      [waiting('w2', 'b.test', 20), waiting('w1', 'a.test', 10), waiting('w3', 'a.test', 30), book('r', 120, 500)],
      strings,
    );
    expect(plan.global).toEqual({
      text: '!',
      color: '#b45309',
      title: 'Waiting for you on a.test\nWaiting for you on b.test\nDownloading «Book r»: 120/500 chapters',
    });
    expect(plan.tabs.get(1)).toEqual({ text: null, color: '#b45309', title: plan.global.title });
    expect(plan.tabs.get(2)).toMatchObject({ text: '12' });
  });

  it('goes back to the progress once nothing waits', () => {
    expect(planToolbar([], [book('r', 120, 500), makeTask({ status: 'failed' })], strings).global.text).toBe('24%');
  });
});

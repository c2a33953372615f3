// The demo site's serials (test/fixtures/site/serial.ts): books that gain chapters, lose one, or
// move every chapter to a new address while a test runs.
import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bookInfo,
  chapterParagraphs,
  chapterTitle,
  RENUMBER_STEP,
  serialChapterPath,
  startDemoSite,
  type DemoSite,
} from '../../fixtures/site';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(async () => {
  await site.close();
});
beforeEach(() => site.resetSerials());

async function get(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(site.origin + path, { redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

/** The full list under 正文 (the three "latest" links above it repeat the last chapters). */
async function contents(id: string): Promise<Array<{ title: string; href: string }>> {
  const $ = load((await get(`/book/${id}/`)).text);
  const all = $('#list dt').eq(1).nextAll('dd').find('a');
  return all.toArray().map((a) => ({ title: $(a).text(), href: $(a).attr('href')! }));
}

async function latest(id: string): Promise<string[]> {
  const $ = load((await get(`/book/${id}/`)).text);
  return $('#list dt')
    .eq(1)
    .prevAll('dd')
    .toArray()
    .reverse()
    .map((dd) => $(dd).text());
}

describe('a growing serial', () => {
  it('lists its first N chapters, then the ones a test adds, newest in the latest block', async () => {
    expect(bookInfo('serial-20')).toMatchObject({ title: '连载之书20', chapterCount: 20, serial: 'grows' });
    expect((await contents('serial-20')).map((c) => c.title)).toEqual(
      Array.from({ length: 20 }, (_, i) => chapterTitle('serial-20', i + 1)),
    );
    expect((await get('/book/serial-20/21.html')).status).toBe(404);

    expect(site.addChapters('serial-20', 3)).toBe(23);
    const after = await contents('serial-20');
    expect(after).toHaveLength(23);
    expect(after[22]).toEqual({ title: chapterTitle('serial-20', 23), href: '/book/serial-20/23.html' });
    expect(await latest('serial-20')).toEqual([23, 22, 21].map((n) => chapterTitle('serial-20', n)));
  });

  it('serves an added chapter with its fixed text, linked from the chapter before it', async () => {
    site.addChapters('serial-20', 1);
    const page = load((await get('/book/serial-20/21.html')).text);
    expect(page('h1').text()).toBe(chapterTitle('serial-20', 21));
    expect(page('#content').text()).toContain(chapterParagraphs('serial-20', 21)[0]);
    const before = load((await get('/book/serial-20/20.html')).text);
    expect(before('.bottem2 a').last().attr('href')).toBe('/book/serial-20/21.html');
  });

  it('keeps each tagged copy apart, and starts again after a reset', async () => {
    site.addChapters('serial-5-a', 2);
    expect(await contents('serial-5-a')).toHaveLength(7);
    expect(await contents('serial-5-b')).toHaveLength(5);
    expect(bookInfo('serial-5-b').title).toBe('连载之书5 b');
    site.resetSerials();
    expect(await contents('serial-5-a')).toHaveLength(5);
  });

  it('takes a removed chapter off its contents and answers 404 for its page', async () => {
    site.removeChapter('serial-6', 3);
    expect((await contents('serial-6')).map((c) => c.href)).toEqual(
      [1, 2, 4, 5, 6].map((n) => `/book/serial-6/${n}.html`),
    );
    expect((await get('/book/serial-6/3.html')).status).toBe(404);
    const second = load((await get('/book/serial-6/2.html')).text);
    expect(second('.bottem2 a').last().attr('href')).toBe('/book/serial-6/4.html');
  });

  it('refuses hooks that name no serial or no chapter', () => {
    expect(() => site.addChapters('1', 1)).toThrow(/not a serial/);
    expect(() => site.addChapters('serial-3', 0)).toThrow(/whole number/);
    expect(() => site.renumber('serial-3')).toThrow(/does not renumber/);
    expect(() => site.removeChapter('serial-3', 4)).toThrow(/no chapter 4/);
  });
});

describe('a renumbering serial', () => {
  it('moves every chapter to a new address and keeps the titles; the old addresses answer 404', async () => {
    const before = await contents('renum-4');
    expect(before.map((c) => c.href)).toEqual([1, 2, 3, 4].map((n) => `/book/renum-4/${RENUMBER_STEP + n}.html`));
    expect(site.renumber('renum-4')).toBe(1);
    site.addChapters('renum-4', 2);
    const after = await contents('renum-4');
    expect(after.map((c) => c.title)).toEqual([1, 2, 3, 4, 5, 6].map((n) => chapterTitle('renum-4', n)));
    expect(after.map((c) => c.href)).toEqual([1, 2, 3, 4, 5, 6].map((n) => serialChapterPath('renum-4', n, 1)));
    expect(after[0]!.href).toBe(`/book/renum-4/${2 * RENUMBER_STEP + 1}.html`);
    expect((await get(before[0]!.href)).status).toBe(404);
    const moved = load((await get(after[5]!.href)).text);
    expect(moved('h1').text()).toBe(chapterTitle('renum-4', 6));
  });
});

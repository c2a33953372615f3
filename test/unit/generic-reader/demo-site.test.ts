// The generic reader on the demo site, with no rule at all, must read what the demo source reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../lib/contract';
import { genericRule } from '../../../lib/generic-reader';
import { readerFor } from '../../../lib/task/book-reader';
import { decodeHtml } from '../../../lib/net/charset';
import { bookInfo, chapterParagraphs, chapterTitle, startDemoSite, type DemoSite } from '../../fixtures/site';
import { DEMO_SOURCES } from '../../fixtures/sources';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(async () => {
  await site.close();
});

const demo = DEMO_SOURCES.find((s) => s.id === 'demo')!;

async function page(url: string, charset?: string): Promise<{ url: string; html: string }> {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { url: response.url, html: decodeHtml(bytes, { contentType: response.headers.get('content-type'), charset }) };
}

async function readWith(rule: SourceRule, id: string) {
  const reader = readerFor(rule);
  const { url, html } = await page(`${site.origin}/book/${id}/`, rule.charset);
  const book = reader.parseBook(html, url);
  const chapters = reader.finishToc(reader.parseTocPage(html, url).chapters, url);
  const texts = [];
  for (const chapter of chapters) {
    const p = await page(chapter.url, rule.charset);
    texts.push(reader.parseChapterPage(p.html, p.url, chapter.title));
  }
  return { book, chapters, texts };
}

describe('generic reader on the demo site', () => {
  it.each(['1', '2', '3', 'en', 'gen-3'])('reads book %s as the demo source does', async (id) => {
    const [generic, rule] = await Promise.all([readWith(genericRule, id), readWith(demo, id)]);
    const info = bookInfo(id);
    expect(generic.book).toMatchObject({ title: info.title, author: info.author });
    expect(generic.book).toMatchObject({
      title: rule.book.title,
      author: rule.book.author,
      intro: rule.book.intro,
      cover: rule.book.cover,
    });
    expect(generic.chapters).toEqual(rule.chapters);
    expect(generic.chapters.map((c) => c.title)).toEqual(
      Array.from({ length: info.chapterCount }, (_, i) => chapterTitle(id, i + 1)),
    );
    generic.texts.forEach((chapter, i) => {
      expect(chapter.title).toBe(chapterTitle(id, i + 1));
      // Same paragraphs, in order, and the site's ad line removed like the rule's purify does.
      expect(chapter.text.split('\n')).toEqual(chapterParagraphs(id, i + 1));
      expect(chapter.text).toBe(rule.texts[i]!.text);
    });
  });
});

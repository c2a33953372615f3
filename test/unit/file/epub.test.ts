import { EPub } from 'epub2';
import * as cheerio from 'cheerio';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../../lib/contract';
import { buildEpub } from '../../../lib/file/epub';
import type { BookRecord, ChapterRecord } from '../../../lib/store/schema';
import { epubcheck, tempDir, writeBlob } from '../../fixtures/epubcheck';
import {
  chapter,
  failedChapter,
  firstZipEntry,
  makeBook,
  makeTask,
  memorySource,
  openEpub,
  PNG_1X1,
  type OpenedEpub,
} from './fixtures';

const NOW = new Date('2026-11-28T03:00:00.456Z');

interface Built {
  task: Task;
  book: BookRecord;
  records: ChapterRecord[];
  blob: Blob;
  epub: OpenedEpub;
  path: string;
}

let dir: string;
const built: Record<'zh' | 'zhAgain' | 'en' | 'empty', Built> = {} as never;

async function build(
  name: keyof typeof built,
  task: Task,
  book: BookRecord,
  records: ChapterRecord[],
  cover?: Uint8Array,
  now = NOW,
): Promise<void> {
  const blob = await buildEpub(task, book, memorySource(records), { now, cover: cover && { bytes: cover } });
  built[name] = {
    task,
    book,
    records,
    blob,
    epub: await openEpub(blob),
    path: await writeBlob(dir, `${name}.epub`, blob),
  };
}

const zhTask = makeTask({ id: 'zh', url: 'https://novels.example/book/42/' });
const zhRecords = [
  chapter(
    zhTask,
    0,
    '第一章 山门',
    '　　少年推开山门，看见一位老者。\n\n　　“你来了。”老者说道。<script>alert(1)</script>\n　　A&B <b>粗体</b> "引号" \'单引号\'',
  ),
  failedChapter(zhTask, 1, '第二章 试炼', 'HTTP 404 Not Found'),
  // Index 2 has no record at all: the book must still show it, as not downloaded.
  chapter(zhTask, 3, '第四章 下山', `　　他走下山去。\u0000\u0007\ufffe${String.fromCharCode(0xdc00)}风很大。`),
];

const enTask = makeTask({ id: 'en', url: 'https://novels.example/book/77/' });
const enRecords = [
  chapter(enTask, 0, 'Chapter 1: The Gate', 'The boy pushed the gate open.\nAn old man was waiting for him.'),
  chapter(enTask, 1, 'Chapter 2: Trial', 'He had to pass the trial before dawn.'),
  chapter(enTask, 2, 'Chapter 3: Down the Mountain', 'The wind was strong on the way down.'),
];

beforeAll(async () => {
  dir = await tempDir();
  const zhBook = makeBook(zhTask, zhRecords, {
    title: '山门 <修仙>',
    author: '某作者',
    intro: '一个少年的修仙故事。\n第二行简介 & 更多',
    // The URL says JPEG; the bytes are PNG, and the bytes win.
    cover: 'https://novels.example/covers/42.jpg',
  });
  await build('zh', zhTask, zhBook, zhRecords, PNG_1X1);
  // The same book downloaded again a year later, without its cover this time.
  await build('zhAgain', zhTask, zhBook, zhRecords, undefined, new Date('2027-11-28T03:00:00Z'));
  const enBook = makeBook(enTask, enRecords, {
    title: 'The Mountain Gate',
    author: 'Some Writer',
    intro: 'A story of a boy and a mountain.',
  });
  // An HTML error page where the cover should be: no cover rather than a broken one.
  await build('en', enTask, enBook, enRecords, new TextEncoder().encode('<!DOCTYPE html><title>404</title>'));
  const emptyTask = makeTask({ id: 'empty', url: 'https://novels.example/book/0/' });
  // WebP is not a core image type of EPUB 3.2, so it is left out too; no author, no intro,
  // and a language stated by the source, which wins over detection.
  const webp = Uint8Array.from([
    ...new TextEncoder().encode('RIFF'),
    0,
    0,
    0,
    0,
    ...new TextEncoder().encode('WEBPVP8 '),
  ]);
  await build(
    'empty',
    emptyTask,
    makeBook(emptyTask, [], { title: 'Nothing Yet', author: '', language: 'ja' }),
    [],
    webp,
  );
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('EPUB container', () => {
  it('starts with an uncompressed mimetype entry holding application/epub+zip', async () => {
    for (const { blob, epub } of Object.values(built)) {
      expect(await firstZipEntry(blob)).toEqual({
        name: 'mimetype',
        method: 0,
        extraLength: 0,
        content: 'application/epub+zip',
      });
      expect(epub.names[0]).toBe('mimetype');
      expect(blob.type).toBe('application/epub+zip');
    }
  });

  it('uses ASCII entry names only', () => {
    for (const { epub } of Object.values(built)) for (const name of epub.names) expect(name).toMatch(/^[\x21-\x7e]+$/);
  });
});

describe('EPUB metadata', () => {
  const meta = (epub: OpenedEpub, selector: string): string[] =>
    epub
      .opf(selector)
      .toArray()
      .map((el) => epub.opf(el).text());

  it('names the title, author, source, description and modified time', () => {
    const { epub } = built.zh;
    expect(epub.opf('package').attr('version')).toBe('3.0');
    expect(meta(epub, 'dc\\:title')).toEqual(['山门 <修仙>']);
    expect(meta(epub, 'dc\\:creator')).toEqual(['某作者']);
    expect(meta(epub, 'dc\\:source')).toEqual(['https://novels.example/book/42/']);
    expect(meta(epub, 'dc\\:description')).toEqual(['一个少年的修仙故事。\n第二行简介 & 更多']);
    expect(meta(epub, 'meta[property="dcterms:modified"]')).toEqual(['2026-11-28T03:00:00Z']);
  });

  it('detects Chinese and English books', () => {
    expect(meta(built.zh.epub, 'dc\\:language')).toEqual(['zh']);
    expect(meta(built.en.epub, 'dc\\:language')).toEqual(['en']);
    expect(built.zh.epub.opf('package').attr('xml:lang')).toBe('zh');
  });

  it('puts the language on every page and the Chinese typesetting class on Chinese pages', async () => {
    const page = await built.zh.epub.text('OEBPS/text/chapter-00001.xhtml');
    expect(page).toContain('xml:lang="zh" lang="zh"');
    expect(page).toContain('<body class="zh">');
    expect(await built.en.epub.text('OEBPS/text/chapter-00001.xhtml')).toContain('xml:lang="en" lang="en"');
  });

  it('keeps the identifier for the same URL across builds and changes it for another URL', async () => {
    const identifier = (epub: OpenedEpub): string => epub.opf('dc\\:identifier').text();
    expect(identifier(built.zh.epub)).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(built.zhAgain.epub.opf('meta[property="dcterms:modified"]').text()).toBe('2027-11-28T03:00:00Z');
    expect(identifier(built.zhAgain.epub)).toBe(identifier(built.zh.epub));
    expect(identifier(built.en.epub)).not.toBe(identifier(built.zh.epub));
    expect(built.zh.epub.opf('package').attr('unique-identifier')).toBe(
      built.zh.epub.opf('dc\\:identifier').attr('id'),
    );
  });

  it('uses a language given on the book instead of guessing', async () => {
    expect(meta(built.empty.epub, 'dc\\:language')).toEqual(['ja']);
    expect(await built.empty.epub.text('OEBPS/title.xhtml')).toContain('xml:lang="ja" lang="ja"');
  });

  it('leaves out the creator when the site named no author', () => {
    expect(built.empty.epub.opf('dc\\:creator')).toHaveLength(0);
    expect(built.empty.epub.opf('dc\\:description')).toHaveLength(0);
  });
});

describe('EPUB reading order', () => {
  const chapterFiles = (hrefs: string[]): string[] => hrefs.filter((href) => href.includes('/text/'));

  it('has a spine of cover, title page, contents, then every chapter in order', () => {
    expect(built.zh.epub.spine).toEqual([
      'OEBPS/cover.xhtml',
      'OEBPS/title.xhtml',
      'OEBPS/nav.xhtml',
      'OEBPS/text/chapter-00001.xhtml',
      'OEBPS/text/chapter-00002.xhtml',
      'OEBPS/text/chapter-00003.xhtml',
      'OEBPS/text/chapter-00004.xhtml',
    ]);
    expect(chapterFiles(built.en.epub.spine)).toHaveLength(3);
    expect(built.empty.epub.spine).toEqual(['OEBPS/title.xhtml', 'OEBPS/nav.xhtml']);
  });

  it('lists every chapter in the nav, in order, with the pages the spine reads', async () => {
    for (const { epub, book } of Object.values(built)) {
      const nav = cheerio.load(await epub.text('OEBPS/nav.xhtml'), { xml: true });
      expect(nav('nav').attr('epub:type')).toBe('toc');
      const links = nav('nav li > a')
        .toArray()
        .map((a) => ({ href: `OEBPS/${nav(a).attr('href')}`, title: nav(a).text() }));
      expect(links[0]).toEqual({ href: 'OEBPS/title.xhtml', title: book.title });
      expect(links.slice(1).map((link) => link.title)).toEqual(book.chapters.map((entry) => entry.title));
      expect(links.slice(1).map((link) => link.href)).toEqual(chapterFiles(epub.spine));
    }
  });

  it('lists the same entries in toc.ncx, with play order and the OPF identifier', async () => {
    const { epub, book } = built.zh;
    const ncx = cheerio.load(await epub.text('OEBPS/toc.ncx'), { xml: true });
    expect(ncx('meta[name="dtb:uid"]').attr('content')).toBe(epub.opf('dc\\:identifier').text());
    const points = ncx('navPoint').toArray();
    expect(points.map((p) => ncx(p).find('navLabel > text').text())).toEqual([
      book.title,
      ...book.chapters.map((entry) => entry.title),
    ]);
    expect(points.map((p) => ncx(p).attr('playOrder'))).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('EPUB chapter pages', () => {
  it('escapes the stored text: markup shows as text, never as elements', async () => {
    const page = await built.zh.epub.text('OEBPS/text/chapter-00001.xhtml');
    expect(page).toContain('<p>“你来了。”老者说道。&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(page).toContain('<p>A&amp;B &lt;b&gt;粗体&lt;/b&gt; &quot;引号&quot; &#39;单引号&#39;</p>');
    expect(page.match(/<p>/g)).toHaveLength(3);
    for (const { epub } of Object.values(built)) {
      for (const name of epub.names.filter((n) => /\.(xhtml|opf|ncx)$/.test(n))) {
        const text = await epub.text(name);
        expect(text, name).not.toMatch(/<script/i);
        expect(text, name).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
      }
    }
  });

  it('drops characters XML forbids', async () => {
    const page = await built.zh.epub.text('OEBPS/text/chapter-00004.xhtml');
    expect(page).toContain('<p>他走下山去。风很大。</p>');
  });

  it('shows a failed chapter with its title, the reason and its URL as text', async () => {
    const page = await built.zh.epub.text('OEBPS/text/chapter-00002.xhtml');
    expect(page).toContain('<h1>第二章 试炼</h1>');
    expect(page).toContain('This chapter is missing: HTTP 404 Not Found');
    expect(page).toContain('<p class="missing">https://novels.example/book/42/2.html</p>');
    expect(page).not.toContain('<a ');
  });

  it('records on each chapter the address it came from, and marks the missing ones', async () => {
    const sections = await Promise.all(
      built.zh.epub.spine
        .filter((href) => href.includes('/text/'))
        .map(async (name) =>
          cheerio
            .load(await built.zh.epub.text(name), { xml: true })('section')
            .first(),
        ),
    );
    expect(sections.map((section) => section.attr('data-source-url'))).toEqual(
      built.zh.book.chapters.map((entry) => entry.url),
    );
    expect(sections.map((section) => section.attr('data-missing'))).toEqual([undefined, 'true', 'true', undefined]);
  });

  it('shows a chapter that was never stored as not downloaded, under its table-of-contents title', async () => {
    const page = await built.zh.epub.text('OEBPS/text/chapter-00003.xhtml');
    expect(page).toContain('<h1>Entry 3</h1>');
    expect(page).toContain('This chapter is missing: it was not downloaded');
    expect(page).toContain('https://novels.example/book/42/3.html');
  });
});

describe('EPUB cover', () => {
  it('sniffs PNG bytes behind a .jpg URL and marks them as the cover image', async () => {
    const { epub } = built.zh;
    const item = epub.opf('manifest > item[properties~="cover-image"]');
    expect(item.attr('media-type')).toBe('image/png');
    expect(item.attr('href')).toBe('images/cover.png');
    expect(new Uint8Array(await epub.zip.file('OEBPS/images/cover.png')!.async('uint8array'))).toEqual(PNG_1X1);
    expect(epub.opf('meta[name="cover"]').attr('content')).toBe(item.attr('id'));
    expect(await epub.text('OEBPS/cover.xhtml')).toContain('<img src="images/cover.png"');
  });

  it('leaves the cover out when the bytes are not a usable image', () => {
    for (const { epub } of [built.zhAgain, built.en, built.empty]) {
      expect(epub.opf('manifest > item[properties~="cover-image"]')).toHaveLength(0);
      expect(epub.names.filter((name) => /cover/.test(name))).toEqual([]);
    }
  });
});

describe('EPUB validity', () => {
  it('passes epubcheck with no fatal errors, errors or warnings', { timeout: 120_000 }, async () => {
    const results = await Promise.all(
      Object.values(built).map(async ({ path }) => ({ path, ...(await epubcheck(path)) })),
    );
    for (const result of results) {
      expect(result.messages, result.path).toEqual([]);
      expect(result.fatals).toBe(0);
      expect(result.errors).toBe(0);
      expect(result.warnings).toBe(0);
    }
  });

  it('opens in the independent epub2 parser with the chapters in order', async () => {
    for (const { path, book, epub } of Object.values(built)) {
      const parsed: EPub = await EPub.createAsync(path);
      expect(parsed.metadata.title).toBe(book.title);
      expect(parsed.flow.map((item) => item.href)).toEqual(epub.spine);
      expect(parsed.toc.map((item) => item.title)).toEqual([book.title, ...book.chapters.map((entry) => entry.title)]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { LanguageGate } from '../../../lib/file/epub/chapters';
import { bookIdentifier } from '../../../lib/file/epub/identifier';
import { sniffImage } from '../../../lib/file/epub/image';
import { detectLanguage, givenLanguage } from '../../../lib/file/epub/language';
import { chapterHref, chapterId } from '../../../lib/file/epub/layout';
import { modifiedStamp, PackageWriter } from '../../../lib/file/epub/package';
import { ContentsWriter, type TextSink } from '../../../lib/file/epub/toc';
import { cleanXmlText, escapeXml, paragraphs } from '../../../lib/file/epub/xml';
import type { ChapterRecord } from '../../../lib/store/schema';
import { chapter, failedChapter, makeBook, makeTask, PNG_1X1 } from './fixtures';

describe('xml text', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('strips characters XML 1.0 forbids and keeps tabs, newlines and astral characters', () => {
    const lone = String.fromCharCode(0xd800);
    expect(cleanXmlText(`a\u0000b\u0008c\u000bd\u001fe\ufffef\uffffg${lone}h\u0085i`)).toBe('abcdefghi');
    expect(cleanXmlText('x\ty\nz\r😀𠀀')).toBe('x\ty\nz\r😀𠀀');
  });

  it('makes one <p> per non-blank line, without the leading full-width indent', () => {
    expect(paragraphs('　　第一段\r\n\n  second <b>\r third')).toBe(
      '<p>第一段</p>\n<p>second &lt;b&gt;</p>\n<p>third</p>',
    );
  });
});

describe('language', () => {
  it('is zh when CJK characters dominate, even with English words in the text', () => {
    expect(detectLanguage('第一章 他打开了 iPhone，登录 QQ 后看到 https://example.com 的消息。')).toBe('zh');
  });

  it('is en for English, even when it quotes a few Chinese names', () => {
    expect(detectLanguage('Chapter 1: Li Wei (李伟) walked into the old temple and bowed.')).toBe('en');
    expect(detectLanguage('')).toBe('en');
  });

  it('accepts only well-formed language tags given on the book', () => {
    expect(givenLanguage(' zh-Hant ')).toBe('zh-Hant');
    expect(givenLanguage('ja')).toBe('ja');
    expect(givenLanguage('"><x')).toBeUndefined();
    expect(givenLanguage('')).toBeUndefined();
  });
});

describe('language gate', () => {
  const task = makeTask();
  const emitted = (): { list: [number, string][]; emit: (chapter: ChapterRecord, lang: string) => void } => {
    const list: [number, string][] = [];
    return { list, emit: (chapter, lang) => list.push([chapter.index, lang]) };
  };

  it('passes chapters straight through when the book states its language', () => {
    const out = emitted();
    const gate = new LanguageGate(makeBook(task, [], { language: 'zh-Hant', title: 'English Title' }), out.emit);
    gate.add(chapter(task, 0, 'One', 'Some English text.'));
    expect(out.list).toEqual([[0, 'zh-Hant']]);
    expect(gate.finish()).toBe('zh-Hant');
  });

  it('holds chapters back only until enough text is seen, then releases them in order', () => {
    const out = emitted();
    const gate = new LanguageGate(makeBook(task, [], { title: 'Book', author: 'Someone' }), out.emit);
    gate.add(failedChapter(task, 0, 'Gone', 'HTTP 500'));
    gate.add(chapter(task, 1, '第二章', '短'));
    expect(out.list).toEqual([]);
    gate.add(chapter(task, 2, '第三章', '山'.repeat(3000)));
    expect(out.list).toEqual([
      [0, 'zh'],
      [1, 'zh'],
      [2, 'zh'],
    ]);
    gate.add(chapter(task, 3, 'Four', 'English words here.'));
    expect(out.list[3]).toEqual([3, 'zh']);
  });

  it('decides from what it has when the book ends early', () => {
    const out = emitted();
    const gate = new LanguageGate(makeBook(task, [], { title: 'A Short Tale', author: 'Anon' }), out.emit);
    gate.add(chapter(task, 0, 'One', 'Only a little English text.'));
    expect(gate.finish()).toBe('en');
    expect(out.list).toEqual([[0, 'en']]);
  });
});

describe('identifier', () => {
  it('is a version 5 UUID URN, the same for the same URL and different for another', async () => {
    const a = await bookIdentifier('https://novels.example/book/42/');
    expect(a).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await bookIdentifier('https://novels.example/book/42/')).toBe(a);
    expect(await bookIdentifier('https://novels.example/book/43/')).not.toBe(a);
  });

  it('matches RFC 4122 version 5 in the URL namespace (Python uuid5(NAMESPACE_URL, …))', async () => {
    // python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.com/'))"
    expect(await bookIdentifier('https://example.com/')).toBe('urn:uuid:dd2c1780-811a-5296-81c5-178a0ef488bc');
  });
});

describe('image sniffing', () => {
  const bytes = (...values: (number | string)[]): Uint8Array =>
    Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? Array.from(v, (c) => c.charCodeAt(0)) : [v])));

  it('reads PNG, JPEG, GIF and WebP from their magic numbers', () => {
    expect(sniffImage(PNG_1X1)).toEqual({ mediaType: 'image/png', extension: 'png' });
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toEqual({ mediaType: 'image/jpeg', extension: 'jpg' });
    expect(sniffImage(bytes('GIF89a', 1, 0))?.mediaType).toBe('image/gif');
    expect(sniffImage(bytes('GIF87a', 1, 0))?.mediaType).toBe('image/gif');
    expect(sniffImage(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))?.mediaType).toBe('image/webp');
  });

  it('gives nothing for anything else, short or misleading input included', () => {
    expect(sniffImage(bytes('<!DOCTYPE html><html>'))).toBeUndefined();
    expect(sniffImage(bytes(0x89, 0x50))).toBeUndefined();
    expect(sniffImage(bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '))).toBeUndefined();
    expect(sniffImage(new Uint8Array())).toBeUndefined();
  });
});

describe('names and stamps', () => {
  it('uses ASCII file names and XML-name ids, padded to sort', () => {
    expect(chapterHref(7)).toBe('text/chapter-00007.xhtml');
    expect(chapterHref(123456)).toBe('text/chapter-123456.xhtml');
    expect(chapterId(7)).toMatch(/^[A-Za-z][\w.-]*$/);
  });

  it('stamps dcterms:modified in UTC to the second', () => {
    expect(modifiedStamp(new Date('2026-11-28T03:00:00.987Z'))).toBe('2026-11-28T03:00:00Z');
  });
});

/** A sink that records every write, and whether it was closed. */
function recordingSink(): TextSink & { writes: string[]; closed: boolean } {
  const sink = {
    writes: [] as string[],
    closed: false,
    write(text: string) {
      if (sink.closed) throw new Error('written after close');
      sink.writes.push(text);
    },
    close() {
      sink.closed = true;
    },
  };
  return sink;
}

describe('contents written an entry at a time', () => {
  // Made all at once at the end, 10,000 entries were one burst of garbage that set the
  // offscreen page's peak heap (bench/memory.ts); each chapter now writes its own lines.
  it('writes each entry when it is added, one short line per document, and ends both on close', () => {
    const nav = recordingSink();
    const ncx = recordingSink();
    const contents = new ContentsWriter(nav, ncx, {
      identifier: 'urn:uuid:x',
      title: 'Book',
      author: 'A',
      lang: 'zh',
      first: { href: 'title.xhtml', title: 'Book' },
    });
    const before = [nav.writes.length, ncx.writes.length];
    for (let position = 1; position <= 1200; position++) contents.add(chapterHref(position), `第${position}章 <&>`);
    expect([nav.writes.length - before[0]!, ncx.writes.length - before[1]!]).toEqual([1200, 1200]);
    expect(Math.max(...nav.writes.slice(before[0]).map((line) => line.length))).toBeLessThan(200);
    expect(nav.closed || ncx.closed).toBe(false);
    contents.close();
    expect([nav.closed, ncx.closed]).toEqual([true, true]);

    const navText = nav.writes.join('');
    expect(navText.match(/<li>/g)).toHaveLength(1201);
    expect(navText).toContain('<h1>目录</h1>\n<ol>\n<li><a href="title.xhtml">Book</a></li>\n<li>');
    expect(navText).toContain(`<li><a href="${chapterHref(1200)}">第1200章 &lt;&amp;&gt;</a></li>`);
    expect(navText.endsWith('</ol>\n</nav>\n</body>\n</html>\n')).toBe(true);
    const ncxText = ncx.writes.join('');
    expect(ncxText).toContain('<docAuthor><text>A</text></docAuthor>\n<navMap>\n<navPoint id="nav-1" playOrder="1">');
    expect(ncxText).toContain(
      `<navPoint id="nav-1201" playOrder="1201"><navLabel><text>第1200章 &lt;&amp;&gt;</text></navLabel><content src="${chapterHref(1200)}"/></navPoint>`,
    );
    expect(ncxText.endsWith('</navPoint>\n</navMap>\n</ncx>\n')).toBe(true);
  });

  it('writes the package document a manifest line a chapter, and the spine on close', () => {
    const sink = recordingSink();
    const pack = new PackageWriter(sink, {
      identifier: 'urn:uuid:x',
      title: 'Book',
      lang: 'zh',
      source: 'https://example.com/',
      modified: new Date(0),
      frontMatter: [{ id: 'title-page', href: 'title.xhtml', mediaType: 'application/xhtml+xml' }],
      resources: [],
    });
    const before = sink.writes.length;
    for (let i = 0; i < 1200; i++) pack.addChapter();
    expect(sink.writes.length - before).toBe(1200);
    expect(sink.closed).toBe(false);
    pack.close();
    expect(sink.closed).toBe(true);
    const opf = sink.writes.join('');
    expect(opf.match(/<itemref idref="chapter-/g)).toHaveLength(1200);
    expect(opf).toContain(
      `<item id="${chapterId(1200)}" href="${chapterHref(1200)}" media-type="application/xhtml+xml"/>\n</manifest>\n<spine toc="ncx">\n<itemref idref="title-page"/>\n<itemref idref="${chapterId(1)}"/>`,
    );
    expect(opf.endsWith('</spine>\n</package>\n')).toBe(true);
  });
});

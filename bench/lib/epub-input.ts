// The EPUB bench's book: 5,000 chapters of about 6 KB (UTF-8) of Chinese text each, made
// deterministically from the demo site's text generator, so every process builds the same book.
import type { Task } from '../../lib/contract';
import type { ChapterSource } from '../../lib/file/txt';
import type { BookRecord, ChapterRecord } from '../../lib/store/schema';
import { chapterParagraphs, chapterTitle } from '../../test/fixtures/site';

export const CHAPTERS = 5_000;
export const CHAPTER_BYTES = 6 * 1024;
const SOURCE_BOOK = 'gen-100000';

export interface Chapter {
  title: string;
  url: string;
  /** One paragraph a line, as the store keeps it. */
  text: string;
}

/** Paragraphs drawn from consecutive generated chapters until the text reaches CHAPTER_BYTES. */
export function makeChapters(count = CHAPTERS, bytes = CHAPTER_BYTES): Chapter[] {
  const chapters: Chapter[] = [];
  let source = 1;
  for (let n = 1; n <= count; n++) {
    const lines: string[] = [];
    let size = 0;
    while (size < bytes) {
      for (const paragraph of chapterParagraphs(SOURCE_BOOK, source)) {
        lines.push(paragraph);
        size += Buffer.byteLength(paragraph) + 1;
      }
      source = (source % 100_000) + 1;
    }
    chapters.push({
      title: chapterTitle(SOURCE_BOOK, n),
      url: `http://127.0.0.1/book/bench/${n}.html`,
      text: lines.join('\n'),
    });
  }
  return chapters;
}

export const BOOK_URL = 'http://127.0.0.1/book/bench/';
export const TITLE = '基准之书';
export const AUTHOR = '机器作者';

export function benchTask(): Task {
  return {
    id: 'bench-epub',
    url: BOOK_URL,
    sourceId: 'demo',
    format: 'epub',
    status: 'running',
    title: TITLE,
    author: AUTHOR,
    totalChapters: CHAPTERS,
    completedChapters: CHAPTERS,
    failedChapters: 0,
    progress: 100,
    createdAt: 0,
    resumes: 0,
    resumesWithoutProgress: 0,
  };
}

export function benchBook(chapters: Chapter[]): BookRecord {
  return {
    taskId: 'bench-epub',
    title: TITLE,
    author: AUTHOR,
    intro: '一本用来测量的书。',
    chapters: chapters.map(({ title, url }) => ({ title, url })),
  };
}

/** The store's forEachChapter over memory: records in index order, like IndexedDB's. */
export function memorySource(chapters: Chapter[]): ChapterSource {
  return {
    async forEachChapter(taskId, visit) {
      for (let index = 0; index < chapters.length; index++) {
        const { title, url, text } = chapters[index]!;
        const record: ChapterRecord = { taskId, index, title, url, text };
        await visit(record);
      }
    },
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The same chapter as HTML for epub-gen-memory, which takes markup: one <p> per line. */
export function chapterHtml(chapter: Chapter): string {
  return chapter.text
    .split('\n')
    .map((line) => `<p>${line.replace(/[&<>"]/g, (c) => ESCAPES[c]!)}</p>`)
    .join('\n');
}

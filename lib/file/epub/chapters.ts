// How the builder walks the chapters: in table-of-contents order, one at a time, with a stand-in
// for any chapter that has no record at all, and with the book's language settled after reading
// only the first few chapters (every page needs it, but the book is never held whole).
import type { BookRecord, ChapterRecord } from '../../store/schema';
import type { ChapterSource, IndexRange } from '../txt';
import { detectLanguage, givenLanguage } from './language';

type Visit = (chapter: ChapterRecord) => void | Promise<void>;

/**
 * Visits every chapter of the book's table of contents in order (of the part `range` names,
 * when given). Stored records come from the source; an index with no record (a build after an
 * interrupted run) gets a record with neither text nor error, which the book shows as "not
 * downloaded" instead of silently skipping it.
 */
export async function forEachBookChapter(
  taskId: string,
  book: BookRecord,
  source: ChapterSource,
  visit: Visit,
  range?: IndexRange,
): Promise<void> {
  const missing = (index: number): ChapterRecord => ({
    taskId,
    index,
    title: book.chapters[index]!.title,
    url: book.chapters[index]!.url,
  });
  const first = range?.from ?? 0;
  const last = range?.to ?? Number.MAX_SAFE_INTEGER;
  const end = Math.min(book.chapters.length, last + 1);
  let next = first;
  await source.forEachChapter(
    taskId,
    async (chapter) => {
      if (chapter.index < first || chapter.index > last) return;
      for (; next < chapter.index && next < end; next += 1) await visit(missing(next));
      await visit(chapter);
      next = Math.max(next, chapter.index + 1);
    },
    range,
  );
  for (; next < end; next += 1) await visit(missing(next));
}

/** Enough text to tell Chinese from English with room to spare. */
const SAMPLE_CHARS = 2000;
/** Chapter titles are short; the first hundred say plenty about the script. */
const SAMPLE_TITLES = 100;

/**
 * Holds back chapters only until the language is known: a language given on the book settles it
 * at once, else the title, intro and chapter titles, topped up with the first chapters' text.
 * At most about SAMPLE_CHARS of chapter text (plus any text-less failures) waits at a time.
 */
export class LanguageGate {
  private pending: ChapterRecord[] = [];
  private sample: string;
  private language: string | undefined;

  constructor(
    book: BookRecord,
    private readonly emit: (chapter: ChapterRecord, language: string) => void,
  ) {
    this.language = givenLanguage(book.language);
    const titles = book.chapters.slice(0, SAMPLE_TITLES).map((entry) => entry.title);
    this.sample = [book.title, book.author, book.intro ?? '', ...titles].join('\n');
    if (!this.language && this.sample.length >= SAMPLE_CHARS) this.settle();
  }

  add(chapter: ChapterRecord): void {
    if (this.language) return this.emit(chapter, this.language);
    this.pending.push(chapter);
    this.sample += `\n${(chapter.text ?? '').slice(0, SAMPLE_CHARS)}`;
    if (this.sample.length >= SAMPLE_CHARS) this.settle();
  }

  /** Releases whatever still waits and returns the book's language. */
  finish(): string {
    return this.language ?? this.settle();
  }

  private settle(): string {
    const language = detectLanguage(this.sample);
    this.language = language;
    this.sample = '';
    const waiting = this.pending;
    this.pending = [];
    for (const chapter of waiting) this.emit(chapter, language);
    return language;
  }
}

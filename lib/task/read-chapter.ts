import type { TocEntry } from '../book-pages';
import { AppError } from '../errors';
import type { BookReading } from './book-reader';
import type { Cut } from './warnings';

// A chapter continued over more pages than this is a loop in the site's links.
export const MAX_CHAPTER_PAGES = 50;
// A page without its text is often a cut-off or stand-in answer of a busy site: one fresh
// fetch is worth it before the chapter is given up.
const PARSE_RETRIES = 1;

async function readPart(url: string, tocTitle: string, { reader, load }: BookReading) {
  for (let retry = 0; ; retry++) {
    const page = await load(url);
    // A locked chapter is the site's answer, not a failure: no fetch will change it.
    if (page.locked) throw new AppError('locked', lockedMessage(page.locked.evidence));
    const last = retry >= PARSE_RETRIES;
    // A page cut off mid-way may still hold part of the text; take it only if a fresh fetch
    // is cut off too (some sites never close their markup).
    if (!last && looksCutOff(page.html)) continue;
    try {
      return { page, part: reader.parseChapterPage(page.html, page.url, tocTitle) };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'parse' || last) throw error;
    }
  }
}

/** Why a chapter is locked, in the site's own words (the book prints it where the chapter would be). */
export function lockedMessage(evidence: string): string {
  return `The site keeps this chapter for accounts or payment; it says: «${evidence}»`;
}

function looksCutOff(html: string): boolean {
  return !/<\/(body|html)\s*>/i.test(html.slice(-4_096));
}

/**
 * Reads one chapter, following `chapter.next` while the same chapter continues on another
 * page. It stops when the link leads back to a page already read or on to the next chapter. A
 * first page that lists all the others at once (a query `next` with several links) has them read
 * together instead, in their order.
 */
export async function readChapter(
  entry: TocEntry,
  nextChapterUrl: string | undefined,
  reading: BookReading,
): Promise<{ title: string; text: string }> {
  const seen = new Set<string>();
  const texts: string[] = [];
  let title = entry.title;
  let url: string | undefined = entry.url;
  while (url && !seen.has(url) && url !== nextChapterUrl && seen.size < MAX_CHAPTER_PAGES) {
    seen.add(url);
    const { page, part } = await readPart(url, entry.title, reading);
    seen.add(page.url);
    if (texts.length === 0) title = part.title;
    texts.push(part.text);
    url = part.next;
    if (texts.length === 1 && part.pages) {
      const listed = part.pages.filter((p) => !seen.has(p) && p !== nextChapterUrl);
      const others = listed.slice(0, MAX_CHAPTER_PAGES - 1);
      const parts = await Promise.all(others.map((p) => readPart(p, entry.title, reading)));
      texts.push(...parts.map(({ part: other }) => other.text));
      if (listed.length > others.length) reading.cut(chapterCut(entry));
      return { title, text: reading.reader.finishChapter(texts.join('\n'), entry.url) };
    }
  }
  if (url && !seen.has(url) && url !== nextChapterUrl) reading.cut(chapterCut(entry));
  return { title, text: reading.reader.finishChapter(texts.join('\n'), entry.url) };
}

function chapterCut(entry: TocEntry): Cut {
  return {
    code: 'chapter_pages_cut',
    message: `The chapter «${entry.title}» ${entry.url} goes on past ${MAX_CHAPTER_PAGES} pages; only its first ${MAX_CHAPTER_PAGES} are in the book.`,
  };
}

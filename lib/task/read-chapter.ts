import type { SourceRule } from '../contract';
import { parseChapterPage } from '../source';
import type { TocEntry } from '../store/schema';
import type { PageLoader } from './page-loader';

// A chapter continued over more pages than this is a loop in the site's links.
const MAX_CHAPTER_PAGES = 50;

/**
 * Reads one chapter, following `chapter.next` while the same chapter continues on another
 * page. It stops when the link leads back to a page already read or on to the next chapter.
 */
export async function readChapter(
  entry: TocEntry,
  nextChapterUrl: string | undefined,
  rule: SourceRule,
  load: PageLoader,
  signal: AbortSignal,
): Promise<{ title: string; text: string }> {
  const seen = new Set<string>();
  const texts: string[] = [];
  let title = entry.title;
  let url: string | undefined = entry.url;
  while (url && !seen.has(url) && url !== nextChapterUrl && seen.size < MAX_CHAPTER_PAGES) {
    seen.add(url);
    const page = await load(url, rule, signal);
    seen.add(page.url);
    const part = parseChapterPage(page.html, page.url, rule, entry.title);
    if (texts.length === 0) title = part.title;
    texts.push(part.text);
    url = part.next;
  }
  return { title, text: texts.join('\n') };
}

// The reading pages of the book: cover, title page and one page per chapter. All text arrives
// as plain text and is escaped here; no page carries script or a reference to anything remote
// (a chapter's URL is printed as text, not linked, so readers never try to fetch it).
//
// Each chapter's section records the address it was read from (`data-source-url`), and a
// chapter the site would not give us is marked `data-missing`: lib/follow/epub-holdings.ts reads
// both back to continue a book from its file, fetching only what the file lacks.
import type { ChapterRecord } from '../../store/schema';
import { missingChapterNote } from '../txt';
import { CHAPTER_CSS, CSS_HREF } from './layout';
import { isChinese } from './language';
import { escapeXml, paragraphs, xhtmlDocument } from './xml';

/** The body class that switches the stylesheet's typesetting for the script. */
function scriptClass(lang: string): string {
  return isChinese(lang) ? 'zh' : 'latin';
}

/** The attribute that names where a chapter page's text came from. */
export const SOURCE_URL_ATTRIBUTE = 'data-source-url';
/** The attribute that marks a page standing in for a chapter the file does not hold. */
export const MISSING_ATTRIBUTE = 'data-missing';

function chapterSection(url: string, missing: boolean): string {
  return `<section epub:type="chapter" ${SOURCE_URL_ATTRIBUTE}="${escapeXml(url)}"${missing ? ` ${MISSING_ATTRIBUTE}="true"` : ''}>`;
}

/** A chapter that arrived: its title, then one paragraph per stored line. */
export function chapterPage(title: string, text: string, lang: string, url: string): string {
  const body = `${chapterSection(url, false)}\n<h1>${escapeXml(title)}</h1>\n${paragraphs(text)}\n</section>`;
  return xhtmlDocument({ lang, title, body, css: CHAPTER_CSS, bodyClass: scriptClass(lang) });
}

/**
 * A chapter the site would not give us (or keeps locked) stays visible where it belongs, saying
 * why and where it lives, so the reader can look it up and the user knows a retry may fill it.
 */
export function missingChapterPage(title: string, chapter: ChapterRecord, lang: string): string {
  const body = [
    chapterSection(chapter.url, true),
    `<h1>${escapeXml(title)}</h1>`,
    `<p class="missing">${escapeXml(missingChapterNote(chapter))}</p>`,
    `<p class="missing">${escapeXml(chapter.url)}</p>`,
    '</section>',
  ].join('\n');
  return xhtmlDocument({ lang, title, body, css: CHAPTER_CSS, bodyClass: scriptClass(lang) });
}

export interface TitlePageInput {
  title: string;
  author?: string;
  intro?: string;
  source: string;
  lang: string;
}

/** Title, author, the site's introduction and where the book came from. */
export function titlePage(input: TitlePageInput): string {
  const parts = [`<section epub:type="titlepage">`, `<h1>${escapeXml(input.title)}</h1>`];
  if (input.author) parts.push(`<p class="author">${escapeXml(input.author)}</p>`);
  if (input.intro) parts.push(paragraphs(input.intro));
  parts.push(`<p class="source">${escapeXml(input.source)}</p>`, '</section>');
  return xhtmlDocument({
    lang: input.lang,
    title: input.title,
    body: parts.join('\n'),
    css: CSS_HREF,
    bodyClass: scriptClass(input.lang),
  });
}

/** A page showing just the cover image, for readers that open on the first spine item. */
export function coverPage(imageHref: string, title: string, lang: string): string {
  const body = `<div class="cover"><img src="${escapeXml(imageHref)}" alt="${escapeXml(title)}"/></div>`;
  return xhtmlDocument({ lang, title, body, css: CSS_HREF, bodyClass: 'cover' });
}

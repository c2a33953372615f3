// Which chapters an EPUB holds, read back from the file so a book made earlier (by this
// extension, or by another tool that recorded the book's web address) can be continued: the
// extension then fetches only the chapters the file lacks. This extension's pages name the
// address each chapter came from and mark the stand-ins for missing ones (lib/file/epub/pages.ts);
// another tool's pages are known by their titles only.

import { load, type CheerioAPI } from 'cheerio/slim';
import type { HeldChapter } from '../contract';
import { AppError } from '../errors';
import { MISSING_ATTRIBUTE, SOURCE_URL_ATTRIBUTE } from '../file/epub/pages';
import { elementText } from '../text/paragraphs';
import { isHttpUrl } from '../url';
import { byLocalName, openEpubPackage, xml, zipPath, type EpubLimits, type EpubPackage } from './epub-archive';

export interface EpubHoldings {
  title: string;
  author?: string;
  language?: string;
  /** The book's web address: the file's dc:source, else a dc:identifier that is a web address. */
  url: string;
  /** The file's pages name their chapters' addresses: this extension made it. */
  madeHere: boolean;
  /** The chapters the file holds with their text, in reading order. */
  chapters: HeldChapter[];
  /** Pages that stand in for chapters the file lacks (this extension's files only). */
  missing: Array<{ title: string; url: string }>;
}

const CONTENT_TYPES = new Set(['application/xhtml+xml', 'text/html']);
/** Pages that say they are no chapter: cover, title page, contents, copyright. */
const FRONT_MATTER = ['cover', 'titlepage', 'toc', 'copyright-page', 'frontmatter']
  .map((type) => `[epub\\:type~="${type}"]`)
  .join(', ');

/** Reads the file; throws `invalid_file` with a sentence when it cannot be continued. */
export function readEpubHoldings(bytes: Uint8Array, fileName: string, limits?: EpubLimits): EpubHoldings {
  const pack = openEpubPackage(bytes, fileName, limits);
  const { metadata } = pack;
  const url = [...metadata.sources, ...metadata.identifiers.map((id) => id.replace(/^url:/i, ''))].find(isHttpUrl);
  if (!url) {
    throw new AppError(
      'invalid_file',
      `"${fileName}" cannot be continued: it does not say which web page the book came from (no dc:source or dc:identifier holds a web address), so the extension cannot find its other chapters.`,
    );
  }
  const labels = navLabels(pack);
  const chapters: HeldChapter[] = [];
  const others: HeldChapter[] = [];
  const missing: EpubHoldings['missing'] = [];
  for (const item of pack.spine) {
    if (!CONTENT_TYPES.has(item.mediaType) || item.properties.split(/\s+/).includes('nav')) continue;
    const page = pack.text(item.path);
    if (page === undefined) continue;
    const $ = load(page, { xml: { xmlMode: false, recognizeSelfClosing: true } });
    const ours = $(`section[${SOURCE_URL_ATTRIBUTE}]`).first();
    if (!ours.length) {
      const held = $(FRONT_MATTER).length ? undefined : otherToolsChapter($, labels.get(item.path));
      if (held) others.push(held);
      continue;
    }
    const title = ours.find('h1').first().text().trim();
    const chapterUrl = ours.attr(SOURCE_URL_ATTRIBUTE) ?? '';
    if (ours.attr(MISSING_ATTRIBUTE) !== undefined) {
      missing.push({ title, url: chapterUrl });
      continue;
    }
    ours.find('h1').first().remove();
    chapters.push({ title, url: chapterUrl, text: elementText($, ours) });
  }
  // In this extension's files every chapter names its address; the other pages are front matter.
  const madeHere = chapters.length + missing.length > 0;
  if (!madeHere) chapters.push(...others);
  if (chapters.length === 0 && missing.length === 0) {
    throw new AppError('invalid_file', `"${fileName}" cannot be continued: none of its pages holds any text.`);
  }
  return {
    title: metadata.titles[0] ?? fileName.replace(/\.epub$/i, ''),
    author: metadata.creators[0],
    language: metadata.languages[0],
    url,
    madeHere,
    chapters,
    missing,
  };
}

/**
 * A page of another tool's book: its title from the book's contents, else its first heading,
 * else its <title>; its text without that heading. A page with no text (a cover) is no chapter.
 */
function otherToolsChapter($: CheerioAPI, label: string | undefined): HeldChapter | undefined {
  const body = $('body').first();
  const heading = body.find('h1, h2, h3').first();
  const title = label || heading.text().trim() || $('title').first().text().trim();
  if (heading.length && heading.text().replace(/\s+/g, '') === title.replace(/\s+/g, '')) heading.remove();
  const text = elementText($, body.length ? body : $.root());
  return text && title ? { title, text } : undefined;
}

/** The title the book's own contents gives each page (EPUB 3 nav, else the EPUB 2 NCX), by zip path. */
function navLabels(pack: EpubPackage): Map<string, string> {
  const labels = new Map<string, string>();
  const add = (base: string, href: string | undefined, label: string) => {
    const path = href && zipPath(base, href);
    if (path && label && !labels.has(path)) labels.set(path, label.replace(/\s+/g, ' ').trim());
  };
  const nav = pack.navPath && pack.text(pack.navPath);
  if (nav && pack.navPath) {
    const $ = load(nav, { xml: { xmlMode: false, recognizeSelfClosing: true } });
    const base = folderOf(pack.navPath);
    $('nav a[href]').each((_, a) => add(base, $(a).attr('href'), $(a).text()));
  }
  const ncx = pack.ncxPath && pack.text(pack.ncxPath);
  if (ncx && pack.ncxPath) {
    const $ = xml(ncx);
    const base = folderOf(pack.ncxPath);
    for (const point of byLocalName($, 'navpoint')) {
      const content = $(point)
        .children()
        .filter((_, el) => el.type === 'tag' && /(^|:)content$/i.test(el.name))
        .first();
      const label = $(point)
        .children()
        .filter((_, el) => el.type === 'tag' && /(^|:)navlabel$/i.test(el.name))
        .first()
        .text();
      add(base, content.attr('src'), label);
    }
  }
  return labels;
}

function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
}

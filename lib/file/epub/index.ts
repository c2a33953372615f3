// The EPUB 3 builder. It runs in the offscreen document, straight off IndexedDB, so it fetches
// nothing (the cover arrives as bytes) and keeps only one chapter's page at a time in hand:
// each page is compressed into the zip the moment it is made, and only the chapters' titles are
// kept for the contents, the NCX and the package document, which are compressed in pieces at the
// end. The offscreen document's peak heap is judged against the file's size (bench/memory.ts).
import type { Task } from '../../contract';
import type { BookRecord } from '../../store/schema';
import type { ChapterSource } from '../txt';
import { forEachBookChapter, LanguageGate } from './chapters';
import { bookIdentifier } from './identifier';
import { sniffImage, type ImageType } from './image';
import {
  chapterHref,
  CONTAINER_PATH,
  COVER_PAGE_HREF,
  coverImageHref,
  CSS_HREF,
  MIMETYPE,
  NAV_HREF,
  NCX_HREF,
  OPF_PATH,
  ROOT,
  TITLE_HREF,
  type Contents,
} from './layout';
import { CONTAINER_XML, NAV_ITEM, packageDocument, XHTML, type ManifestItem } from './package';
import { chapterPage, coverPage, missingChapterPage, titlePage } from './pages';
import { STYLESHEET } from './styles';
import { navDocument, ncxDocument } from './toc';
import { cleanXmlText, oneLine } from './xml';
import { ZipWriter } from '../zip-writer';

export interface EpubOptions {
  /** The cover image as fetched by the caller; its type is read from the bytes, not the URL. */
  cover?: { bytes: Uint8Array };
  /** The time stamped as dcterms:modified; now by default. */
  now?: Date;
  /** Filled in with where the time went, for the task's log. */
  timings?: { chaptersMs?: number; zipMs?: number };
}


/**
 * The cover's type, when it is one every EPUB 3.2 reader must show (PNG, JPEG, GIF). WebP only
 * became a core type in EPUB 3.3; epubcheck 4 and older readers reject it without a fallback
 * image, which we cannot make here, so a WebP cover is left out (the caller may convert it).
 */
function coverType(bytes: Uint8Array): ImageType | undefined {
  const type = sniffImage(bytes);
  return type && type.mediaType !== 'image/webp' ? type : undefined;
}

/**
 * The chapter page's own title first, else the contents' entry, else a number. When the two
 * agree, the contents' string is the one kept: the stored chapter's copy can then be freed.
 */
function chapterTitle(own: string | undefined, listed: string | undefined, position: number): string {
  const fallback = oneLine(listed, `Chapter ${position}`);
  const title = oneLine(own, fallback);
  return title === fallback ? fallback : title;
}

export async function buildEpub(task: Task, book: BookRecord, chapters: ChapterSource, options: EpubOptions = {}): Promise<Blob> {
  const zip = new ZipWriter(options.now);
  // The OCF rules: `mimetype` is the first entry, uncompressed, so tools can sniff the format
  // from a fixed offset. the zip writer writes entries in the order they were added.
  zip.add('mimetype', MIMETYPE, { compress: false });
  zip.add(CONTAINER_PATH, CONTAINER_XML);

  const title = oneLine(book.title, oneLine(task.title, 'Untitled'));
  const author = oneLine(book.author, '') || undefined;
  const titles: string[] = [];
  const gate = new LanguageGate(book, (chapter, lang) => {
    const position = titles.length + 1;
    const title = chapterTitle(chapter.title, book.chapters[chapter.index]?.title, position);
    titles.push(title);
    const page = chapter.text !== undefined ? chapterPage(title, chapter.text, lang) : missingChapterPage(title, chapter, lang);
    zip.add(ROOT + chapterHref(position), page);
  });
  const started = performance.now();
  // Each page is compressed the moment the gate lets it through, so no page waits as text.
  await forEachBookChapter(task.id, book, chapters, (chapter) => gate.add(chapter));
  if (options.timings) options.timings.chaptersMs = Math.round(performance.now() - started);
  // Everything after the chapters: front matter, contents, NCX, package document, directory.
  const zipping = performance.now();
  const lang = gate.finish();

  const frontMatter: ManifestItem[] = [];
  const resources: ManifestItem[] = [];
  const image = options.cover ? coverType(options.cover.bytes) : undefined;
  if (options.cover && image) {
    const href = coverImageHref(image.extension);
    // Images are compressed already; deflating them again only costs time.
    zip.add(ROOT + href, options.cover.bytes, { compress: false });
    resources.push({ id: 'cover-image', href, mediaType: image.mediaType, properties: 'cover-image' });
    zip.add(ROOT + COVER_PAGE_HREF, coverPage(href, title, lang));
    frontMatter.push({ id: 'cover', href: COVER_PAGE_HREF, mediaType: XHTML });
  }
  const intro = cleanXmlText(book.intro ?? '').trim() || undefined;
  zip.add(ROOT + TITLE_HREF, titlePage({ title, author, intro, source: task.url, lang }));
  frontMatter.push({ id: 'title-page', href: TITLE_HREF, mediaType: XHTML }, NAV_ITEM);

  // The title page heads the contents too: it holds the introduction, and a contents list
  // must never be empty (a book whose chapters all vanished still opens).
  const contents: Contents = { titlePage: { id: 'title-page', href: TITLE_HREF, title }, chapterTitles: titles };
  const identifier = await bookIdentifier(task.url);
  zip.addPieces(ROOT + NAV_HREF, navDocument(contents, lang));
  zip.addPieces(ROOT + NCX_HREF, ncxDocument({ identifier, title, author, lang, contents }));
  zip.add(ROOT + CSS_HREF, STYLESHEET);
  zip.addPieces(
    OPF_PATH,
    packageDocument({
      identifier,
      title,
      author,
      lang,
      source: task.url,
      description: intro,
      modified: options.now ?? new Date(),
      frontMatter,
      resources,
      chapterCount: titles.length,
    }),
  );

  const blob = zip.finish(MIMETYPE);
  if (options.timings) options.timings.zipMs = Math.round(performance.now() - zipping);
  return blob;
}

// The EPUB 3 builder. It runs in the offscreen document, straight off IndexedDB, so it fetches
// nothing (the cover arrives as bytes) and keeps only one chapter's page at a time in hand:
// each page is compressed into the zip the moment it is made, and only titles and paths
// are kept for the contents, the NCX and the package document written at the end.
import type { Task } from '../../contract';
import type { BookRecord } from '../../store/schema';
import type { ChapterSource } from '../txt';
import { forEachBookChapter, LanguageGate } from './chapters';
import { bookIdentifier } from './identifier';
import { sniffImage, type ImageType } from './image';
import {
  chapterHref,
  chapterId,
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
  type TocItem,
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

export async function buildEpub(task: Task, book: BookRecord, chapters: ChapterSource, options: EpubOptions = {}): Promise<Blob> {
  const zip = new ZipWriter(options.now);
  // The OCF rules: `mimetype` is the first entry, uncompressed, so tools can sniff the format
  // from a fixed offset. the zip writer writes entries in the order they were added.
  zip.add('mimetype', MIMETYPE, { compress: false });
  zip.add(CONTAINER_PATH, CONTAINER_XML);

  const title = oneLine(book.title, oneLine(task.title, 'Untitled'));
  const author = oneLine(book.author, '') || undefined;
  const items: TocItem[] = [];
  const gate = new LanguageGate(book, (chapter, lang) => {
    const position = items.length + 1;
    // The chapter page's own title first, else the contents' entry, else a number.
    const fallback = oneLine(book.chapters[chapter.index]?.title, `Chapter ${position}`);
    const item: TocItem = { id: chapterId(position), href: chapterHref(position), title: oneLine(chapter.title, fallback) };
    items.push(item);
    const page = chapter.text !== undefined ? chapterPage(item.title, chapter.text, lang) : missingChapterPage(item.title, chapter, lang);
    zip.add(ROOT + item.href, page);
  });
  const started = performance.now();
  await forEachBookChapter(task.id, book, chapters, async (chapter) => {
    gate.add(chapter);
    // Compress as we read, so no more than a chapter or two waits as text.
    await zip.drain();
  });
  if (options.timings) options.timings.chaptersMs = Math.round(performance.now() - started);
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
  const toc: TocItem[] = [{ id: 'title-page', href: TITLE_HREF, title }, ...items];
  const identifier = await bookIdentifier(task.url);
  zip.add(ROOT + NAV_HREF, navDocument(toc, lang));
  zip.add(ROOT + NCX_HREF, ncxDocument({ identifier, title, author, lang, items: toc }));
  zip.add(ROOT + CSS_HREF, STYLESHEET);
  zip.add(
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
      chapters: items,
    }),
  );

  const zipping = performance.now();
  const blob = await zip.finish(MIMETYPE);
  if (options.timings) options.timings.zipMs = Math.round(performance.now() - zipping);
  return blob;
}

// The EPUB 3 builder. It runs in the offscreen document, straight off IndexedDB, so it fetches
// nothing (the cover arrives as bytes) and keeps only one chapter's page at a time in hand:
// each page is compressed into the zip the moment it is made, and its lines in the contents, the
// NCX and the package document are written with it: beyond the book's chapter list, the build
// keeps nothing a chapter. The offscreen document's peak heap is judged against the file's size
// (bench/memory.ts).
import type { Task } from '../../contract';
import type { BookRecord } from '../../store/schema';
import { partTitle, type FilePart } from '../parts';
import type { ChapterSource } from '../txt';
import { forEachBookChapter, LanguageGate } from './chapters';
import { bookIdentifier } from './identifier';
import { epubCoreImage } from './image';
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
} from './layout';
import { CONTAINER_XML, NAV_ITEM, PackageWriter, XHTML, type ManifestItem } from './package';
import { chapterPage, coverPage, missingChapterPage, titlePage } from './pages';
import { STYLESHEET } from './styles';
import { ContentsWriter } from './toc';
import { cleanXmlText, oneLine } from './xml';
import { ZipWriter } from '../zip-writer';

export interface EpubOptions {
  /** The cover image as fetched by the caller; its type is read from the bytes, not the URL. */
  cover?: { bytes: Uint8Array };
  /** The time stamped as dcterms:modified; now by default. */
  now?: Date;
  /** Filled in with where the time went, for the task's log. */
  timings?: { chaptersMs?: number; zipMs?: number };
  /** Only these chapters (a part file); the whole book by default. */
  part?: FilePart;
}

/** The chapter page's own title first, else the contents' entry, else a number. */
function chapterTitle(own: string | undefined, listed: string | undefined, position: number): string {
  return oneLine(own, oneLine(listed, `Chapter ${position}`));
}

export async function buildEpub(
  task: Task,
  book: BookRecord,
  chapters: ChapterSource,
  options: EpubOptions = {},
): Promise<Blob> {
  const zip = new ZipWriter(options.now);
  // The OCF rules: `mimetype` is the first entry, uncompressed, so tools can sniff the format
  // from a fixed offset. The zip writer writes entries in the order they were added.
  zip.add('mimetype', MIMETYPE, { compress: false });
  zip.add(CONTAINER_PATH, CONTAINER_XML);

  const part = options.part;
  const title = oneLine(partTitle(oneLine(book.title, oneLine(task.title, 'Untitled')), part), 'Untitled');
  const author = oneLine(book.author, '') || undefined;
  const intro = cleanXmlText(book.intro ?? '').trim() || undefined;
  // A part is a publication of its own: a library must not take it for a new edition of the book.
  const identifier = await bookIdentifier(part ? `${task.url}#chapters=${part.from}-${part.to}` : task.url);
  // A cover that is still no core type here is left out rather than shipped to fail epubcheck.
  const image = options.cover && epubCoreImage(options.cover.bytes);
  const cover =
    options.cover && image
      ? { bytes: options.cover.bytes, href: coverImageHref(image.extension), mediaType: image.mediaType }
      : undefined;
  const resources: ManifestItem[] = cover
    ? [{ id: 'cover-image', href: cover.href, mediaType: cover.mediaType, properties: 'cover-image' }]
    : [];
  const frontMatter: ManifestItem[] = [
    ...(cover ? [{ id: 'cover', href: COVER_PAGE_HREF, mediaType: XHTML }] : []),
    { id: 'title-page', href: TITLE_HREF, mediaType: XHTML },
    NAV_ITEM,
  ];

  // The contents, the NCX and the package document are written chapter by chapter, opened once
  // the language is known (their headings and xml:lang depend on it). The title page heads the
  // contents: it holds the introduction, and a contents list must never be empty.
  let documents: { contents: ContentsWriter; pack: PackageWriter } | undefined;
  const documentsIn = (lang: string) =>
    (documents ??= {
      contents: new ContentsWriter(zip.open(ROOT + NAV_HREF), zip.open(ROOT + NCX_HREF), {
        identifier,
        title,
        author,
        lang,
        first: { href: TITLE_HREF, title },
      }),
      pack: new PackageWriter(zip.open(OPF_PATH), {
        identifier,
        title,
        author,
        lang,
        source: task.url,
        description: intro,
        modified: options.now ?? new Date(),
        frontMatter,
        resources,
      }),
    });
  let position = 0;
  const gate = new LanguageGate(book, (chapter, lang) => {
    position += 1;
    const chapterName = chapterTitle(chapter.title, book.chapters[chapter.index]?.title, position);
    const page =
      chapter.text !== undefined
        ? chapterPage(chapterName, chapter.text, lang, chapter.url)
        : missingChapterPage(chapterName, chapter, lang);
    zip.add(ROOT + chapterHref(position), page);
    const { contents, pack } = documentsIn(lang);
    contents.add(chapterHref(position), chapterName, book.chapters[chapter.index]?.volume);
    pack.addChapter();
  });
  const started = performance.now();
  // Each page is compressed the moment the gate lets it through, so no page waits as text.
  const range = part && { from: part.from - 1, to: part.to - 1 };
  await forEachBookChapter(task.id, book, chapters, (chapter) => gate.add(chapter), range);
  if (options.timings) options.timings.chaptersMs = Math.round(performance.now() - started);
  // Everything after the chapters: front matter, closing the documents, the zip's directory.
  const zipping = performance.now();
  const lang = gate.finish();

  if (cover) {
    // Images are compressed already; deflating them again only costs time.
    zip.add(ROOT + cover.href, cover.bytes, { compress: false });
    zip.add(ROOT + COVER_PAGE_HREF, coverPage(cover.href, title, lang));
  }
  zip.add(ROOT + TITLE_HREF, titlePage({ title, author, intro, source: task.url, lang }));
  // Closed in this order, the zip keeps its layout: pages, contents, NCX, stylesheet, package.
  const { contents, pack } = documentsIn(lang);
  contents.close();
  zip.add(ROOT + CSS_HREF, STYLESHEET);
  pack.close();

  const blob = zip.finish(MIMETYPE);
  if (options.timings) options.timings.zipMs = Math.round(performance.now() - zipping);
  return blob;
}

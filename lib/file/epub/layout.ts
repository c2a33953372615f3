// Where each part of the book sits inside the zip, in one place, so the OPF, the nav, the NCX
// and the pages cannot disagree about a path. Names are ASCII only: some readers and zip tools
// mangle non-ASCII entry names.

export const MIMETYPE = 'application/epub+zip';
export const CONTAINER_PATH = 'META-INF/container.xml';
/** Every publication file lives under this folder; hrefs in the OPF are relative to it. */
export const ROOT = 'OEBPS/';
export const OPF_PATH = `${ROOT}content.opf`;

export const NAV_HREF = 'nav.xhtml';
export const NCX_HREF = 'toc.ncx';
export const CSS_HREF = 'style.css';
export const TITLE_HREF = 'title.xhtml';
export const COVER_PAGE_HREF = 'cover.xhtml';
export const coverImageHref = (extension: string): string => `images/cover.${extension}`;

/**
 * Entries an EPUB holds besides its chapters: mimetype, container, package, nav, NCX,
 * stylesheet, title page, cover page and cover image.
 */
export const FIXED_ENTRIES = 9;

/** Chapters sit one folder down, so their stylesheet link climbs one level. */
export const CHAPTER_CSS = `../${CSS_HREF}`;

/** `text/chapter-00001.xhtml`: five digits keep a 10,000-chapter book sorted; longer still works. */
export function chapterHref(position: number): string {
  return `text/chapter-${String(position).padStart(5, '0')}.xhtml`;
}

/** Manifest ids must be XML names: a letter first, never a bare number. */
export function chapterId(position: number): string {
  return `chapter-${String(position).padStart(5, '0')}`;
}

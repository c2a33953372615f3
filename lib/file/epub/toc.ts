// Two tables of contents listing the same entries: nav.xhtml is what EPUB 3 requires, toc.ncx is
// what EPUB 2 readers (older Kindles' converters, Adobe RMSDK devices) still look for.
// Both are handed out in pieces of a few hundred lines, for the zip to compress as they come:
// for 10,000 chapters neither document is ever one string.
import { contentsEntries, CSS_HREF, type Contents } from './layout';
import { escapeXml, joinedInPieces, XHTML_TAIL, xhtmlHead } from './xml';
import { isChinese } from './language';

/** The heading of the contents page, in the book's language when we know it. */
function contentsLabel(lang: string): string {
  return isChinese(lang) ? '目录' : 'Contents';
}

/** The EPUB 3 navigation document: one `<li>` per entry, in reading order. */
export function* navDocument(contents: Contents, lang: string): Generator<string> {
  const label = contentsLabel(lang);
  yield xhtmlHead({ lang, title: label, css: CSS_HREF });
  yield* joinedInPieces(navLines(contents, label));
  yield XHTML_TAIL;
}

function* navLines(contents: Contents, label: string): Generator<string> {
  yield `<nav epub:type="toc" id="toc">`;
  yield `<h1>${escapeXml(label)}</h1>`;
  yield '<ol>';
  for (const item of contentsEntries(contents)) yield `<li><a href="${escapeXml(item.href)}">${escapeXml(item.title)}</a></li>`;
  yield '</ol>';
  yield '</nav>';
}

export interface NcxInput {
  identifier: string;
  title: string;
  author?: string;
  lang: string;
  contents: Contents;
}

/** The EPUB 2 NCX; its dtb:uid must equal the OPF's dc:identifier or epubcheck objects. */
export function ncxDocument(input: NcxInput): Generator<string> {
  return joinedInPieces(ncxLines(input));
}

function* ncxLines(input: NcxInput): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>';
  yield `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${escapeXml(input.lang)}">`;
  yield '<head>';
  yield `<meta name="dtb:uid" content="${escapeXml(input.identifier)}"/>`;
  yield '<meta name="dtb:depth" content="1"/>';
  yield '<meta name="dtb:totalPageCount" content="0"/>';
  yield '<meta name="dtb:maxPageNumber" content="0"/>';
  yield '</head>';
  yield `<docTitle><text>${escapeXml(input.title)}</text></docTitle>`;
  if (input.author) yield `<docAuthor><text>${escapeXml(input.author)}</text></docAuthor>`;
  yield '<navMap>';
  let order = 0;
  for (const item of contentsEntries(input.contents)) {
    order += 1;
    yield `<navPoint id="nav-${order}" playOrder="${order}"><navLabel><text>${escapeXml(item.title)}</text></navLabel><content src="${escapeXml(item.href)}"/></navPoint>`;
  }
  yield '</navMap>';
  yield '</ncx>';
  yield '';
}

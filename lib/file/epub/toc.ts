// Two tables of contents listing the same entries: nav.xhtml is what EPUB 3 requires, toc.ncx is
// what EPUB 2 readers (older Kindles' converters, Adobe RMSDK devices) still look for.
// Both are built as arrays of short lines joined once, which stays cheap for 10,000 chapters.
import { CSS_HREF, type TocItem } from './layout';
import { escapeXml, xhtmlDocument } from './xml';
import { isChinese } from './language';

/** The heading of the contents page, in the book's language when we know it. */
function contentsLabel(lang: string): string {
  return isChinese(lang) ? '目录' : 'Contents';
}

/** The EPUB 3 navigation document: one `<li>` per entry, in reading order. */
export function navDocument(items: readonly TocItem[], lang: string): string {
  const label = contentsLabel(lang);
  const lines = [`<nav epub:type="toc" id="toc">`, `<h1>${escapeXml(label)}</h1>`, '<ol>'];
  for (const item of items) lines.push(`<li><a href="${escapeXml(item.href)}">${escapeXml(item.title)}</a></li>`);
  lines.push('</ol>', '</nav>');
  return xhtmlDocument({ lang, title: label, body: lines.join('\n'), css: CSS_HREF });
}

export interface NcxInput {
  identifier: string;
  title: string;
  author?: string;
  lang: string;
  items: readonly TocItem[];
}

/** The EPUB 2 NCX; its dtb:uid must equal the OPF's dc:identifier or epubcheck objects. */
export function ncxDocument(input: NcxInput): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${escapeXml(input.lang)}">`,
    '<head>',
    `<meta name="dtb:uid" content="${escapeXml(input.identifier)}"/>`,
    '<meta name="dtb:depth" content="1"/>',
    '<meta name="dtb:totalPageCount" content="0"/>',
    '<meta name="dtb:maxPageNumber" content="0"/>',
    '</head>',
    `<docTitle><text>${escapeXml(input.title)}</text></docTitle>`,
  ];
  if (input.author) lines.push(`<docAuthor><text>${escapeXml(input.author)}</text></docAuthor>`);
  lines.push('<navMap>');
  input.items.forEach((item, i) => {
    lines.push(
      `<navPoint id="nav-${i + 1}" playOrder="${i + 1}"><navLabel><text>${escapeXml(item.title)}</text></navLabel><content src="${escapeXml(item.href)}"/></navPoint>`,
    );
  });
  lines.push('</navMap>', '</ncx>', '');
  return lines.join('\n');
}

// Two tables of contents listing the same entries: nav.xhtml is what EPUB 3 requires, toc.ncx is
// what EPUB 2 readers (older Kindles' converters, Adobe RMSDK devices) still look for.
// Both are written an entry at a time while the build reads the chapters. Made all at once at
// the end, 10,000 entries were a burst of ~15 MB of short-lived strings, and that burst set the
// offscreen page's peak heap (bench/memory.ts).
import { CSS_HREF } from './layout';
import { escapeXml, XHTML_TAIL, xhtmlHead } from './xml';
import { isChinese } from './language';

/** Where a document's text goes: a zip entry being written. */
export interface TextSink {
  write(text: string): void;
  close(): void;
}

export interface ContentsHead {
  /** Must equal the OPF's dc:identifier, or epubcheck objects. */
  identifier: string;
  title: string;
  author?: string;
  lang: string;
  /** The first entry: a contents list must never be empty, so a book with no chapters still opens. */
  first: { href: string; title: string };
}

/** The heading of the contents page, in the book's language when we know it. */
function contentsLabel(lang: string): string {
  return isChinese(lang) ? '目录' : 'Contents';
}

export class ContentsWriter {
  private order = 0;
  /** The volume whose chapters the nav is listing, nested under its heading. */
  private volume: string | undefined;

  constructor(
    private readonly nav: TextSink,
    private readonly ncx: TextSink,
    head: ContentsHead,
  ) {
    const label = contentsLabel(head.lang);
    nav.write(xhtmlHead({ lang: head.lang, title: label, css: CSS_HREF }));
    nav.write(`<nav epub:type="toc" id="toc">\n<h1>${escapeXml(label)}</h1>\n<ol>`);
    const ncxHead = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${escapeXml(head.lang)}">`,
      '<head>',
      `<meta name="dtb:uid" content="${escapeXml(head.identifier)}"/>`,
      '<meta name="dtb:depth" content="1"/>',
      '<meta name="dtb:totalPageCount" content="0"/>',
      '<meta name="dtb:maxPageNumber" content="0"/>',
      '</head>',
      `<docTitle><text>${escapeXml(head.title)}</text></docTitle>`,
    ];
    if (head.author) ncxHead.push(`<docAuthor><text>${escapeXml(head.author)}</text></docAuthor>`);
    ncxHead.push('<navMap>');
    ncx.write(ncxHead.join('\n'));
    this.add(head.first.href, head.first.title);
  }

  /**
   * The next entry in reading order; `title` is plain text. Chapters of a volume are listed under
   * the volume's heading in the nav; toc.ncx, for EPUB 2 readers, stays one flat list.
   */
  add(href: string, title: string, volume?: string): void {
    this.order += 1;
    const link = escapeXml(href);
    const text = escapeXml(title);
    if (volume !== this.volume) {
      this.closeVolume();
      if (volume) this.nav.write(`\n<li><span>${escapeXml(volume)}</span>\n<ol>`);
      this.volume = volume;
    }
    this.nav.write(`\n<li><a href="${link}">${text}</a></li>`);
    this.ncx.write(
      `\n<navPoint id="nav-${this.order}" playOrder="${this.order}"><navLabel><text>${text}</text></navLabel><content src="${link}"/></navPoint>`,
    );
  }

  private closeVolume(): void {
    if (this.volume) this.nav.write('\n</ol>\n</li>');
  }

  /** Ends both documents and closes their entries. */
  close(): void {
    this.closeVolume();
    this.volume = undefined;
    this.nav.write(`\n</ol>\n</nav>${XHTML_TAIL}`);
    this.ncx.write('\n</navMap>\n</ncx>\n');
    this.nav.close();
    this.ncx.close();
  }
}

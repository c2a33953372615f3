// The package document (content.opf) and the container that points readers at it.
// The OPF is written a chapter at a time while the build reads them, like the contents, and
// closed last; it holds only names, never chapter text. Made all at once at the end, its 20,000
// lines were a burst of short-lived strings that set the offscreen page's peak heap.
import { chapterHref, chapterId, CSS_HREF, NAV_HREF, NCX_HREF, OPF_PATH } from './layout';
import type { TextSink } from './toc';
import { escapeXml } from './xml';

export const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="${OPF_PATH}" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`;

export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
}

export interface PackageHead {
  identifier: string;
  title: string;
  author?: string;
  lang: string;
  source: string;
  description?: string;
  modified: Date;
  /** Pages before the chapters (cover, title page, contents), in reading order. */
  frontMatter: readonly ManifestItem[];
  /** Files outside the reading order (the cover image). */
  resources: readonly ManifestItem[];
}

export const XHTML = 'application/xhtml+xml';

/** The nav document as a manifest item; it is also a page of the reading order. */
export const NAV_ITEM: ManifestItem = { id: 'nav', href: NAV_HREF, mediaType: XHTML, properties: 'nav' };

/** `2026-11-28T03:00:00Z`: dcterms:modified must be UTC to the second, no fraction. */
export function modifiedStamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

function itemLine(item: ManifestItem): string {
  const properties = item.properties ? ` properties="${item.properties}"` : '';
  return `<item id="${item.id}" href="${escapeXml(item.href)}" media-type="${item.mediaType}"${properties}/>`;
}

/** content.opf, EPUB 3.0, with the EPUB 2 `toc` attribute so the NCX is found too. */
export class PackageWriter {
  private chapters = 0;

  constructor(
    private readonly sink: TextSink,
    private readonly head: PackageHead,
  ) {
    const lang = escapeXml(head.lang);
    const cover = head.resources.find((item) => item.properties === 'cover-image');
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${lang}">`,
      '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
      `<dc:identifier id="book-id">${escapeXml(head.identifier)}</dc:identifier>`,
      `<dc:title>${escapeXml(head.title)}</dc:title>`,
    ];
    if (head.author) lines.push(`<dc:creator id="creator">${escapeXml(head.author)}</dc:creator>`);
    lines.push(`<dc:language>${lang}</dc:language>`, `<dc:source>${escapeXml(head.source)}</dc:source>`);
    if (head.description) lines.push(`<dc:description>${escapeXml(head.description)}</dc:description>`);
    lines.push(`<meta property="dcterms:modified">${modifiedStamp(head.modified)}</meta>`);
    // EPUB 2 readers find the cover through this meta, EPUB 3 ones through properties="cover-image".
    if (cover) lines.push(`<meta name="cover" content="${cover.id}"/>`);
    lines.push('</metadata>', '<manifest>');
    lines.push(itemLine({ id: 'ncx', href: NCX_HREF, mediaType: 'application/x-dtbncx+xml' }));
    lines.push(itemLine({ id: 'style', href: CSS_HREF, mediaType: 'text/css' }));
    for (const item of [...head.resources, ...head.frontMatter]) lines.push(itemLine(item));
    sink.write(`${lines.join('\n')}\n`);
  }

  /** The next chapter page in reading order: its manifest item now, its spine entry on close. */
  addChapter(): void {
    this.chapters += 1;
    // Ids and paths are made by layout.ts from the position: ASCII, nothing to escape.
    this.sink.write(
      `<item id="${chapterId(this.chapters)}" href="${chapterHref(this.chapters)}" media-type="${XHTML}"/>\n`,
    );
  }

  /** Ends the manifest, writes the reading order and closes the entry. */
  close(): void {
    this.sink.write('</manifest>\n<spine toc="ncx">\n');
    for (const item of this.head.frontMatter) this.sink.write(`<itemref idref="${item.id}"/>\n`);
    for (let position = 1; position <= this.chapters; position++)
      this.sink.write(`<itemref idref="${chapterId(position)}"/>\n`);
    this.sink.write('</spine>\n</package>\n');
    this.sink.close();
  }
}

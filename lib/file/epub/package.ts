// The package document (content.opf) and the container that points readers at it.
// The OPF is written last, once every chapter has been added, because only then is the full
// manifest and reading order known; it holds only names and titles, never chapter text.
import { CSS_HREF, NAV_HREF, NCX_HREF, OPF_PATH, type TocItem } from './layout';
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

export interface PackageInput {
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
  chapters: readonly TocItem[];
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
export function packageDocument(input: PackageInput): string {
  const lang = escapeXml(input.lang);
  const cover = input.resources.find((item) => item.properties === 'cover-image');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${lang}">`,
    '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
    `<dc:identifier id="book-id">${escapeXml(input.identifier)}</dc:identifier>`,
    `<dc:title>${escapeXml(input.title)}</dc:title>`,
  ];
  if (input.author) lines.push(`<dc:creator id="creator">${escapeXml(input.author)}</dc:creator>`);
  lines.push(`<dc:language>${lang}</dc:language>`, `<dc:source>${escapeXml(input.source)}</dc:source>`);
  if (input.description) lines.push(`<dc:description>${escapeXml(input.description)}</dc:description>`);
  lines.push(`<meta property="dcterms:modified">${modifiedStamp(input.modified)}</meta>`);
  // EPUB 2 readers find the cover through this meta, EPUB 3 ones through properties="cover-image".
  if (cover) lines.push(`<meta name="cover" content="${cover.id}"/>`);
  lines.push('</metadata>', '<manifest>');
  lines.push(itemLine({ id: 'ncx', href: NCX_HREF, mediaType: 'application/x-dtbncx+xml' }));
  lines.push(itemLine({ id: 'style', href: CSS_HREF, mediaType: 'text/css' }));
  for (const item of [...input.resources, ...input.frontMatter]) lines.push(itemLine(item));
  for (const chapter of input.chapters) lines.push(itemLine({ id: chapter.id, href: chapter.href, mediaType: XHTML }));
  lines.push('</manifest>', '<spine toc="ncx">');
  for (const item of input.frontMatter) lines.push(`<itemref idref="${item.id}"/>`);
  for (const chapter of input.chapters) lines.push(`<itemref idref="${chapter.id}"/>`);
  lines.push('</spine>', '</package>', '');
  return lines.join('\n');
}

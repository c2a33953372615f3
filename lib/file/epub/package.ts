// The package document (content.opf) and the container that points readers at it.
// The OPF is written last, once every chapter has been added, because only then is the full
// manifest and reading order known; it holds only names and titles, never chapter text, and it
// is handed out in pieces: a 10,000-chapter manifest and spine are never one string.
import { chapterHref, chapterId, CSS_HREF, NAV_HREF, NCX_HREF, OPF_PATH } from './layout';
import { escapeXml, joinedInPieces } from './xml';

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
  /** How many chapter pages follow the front matter; their ids and paths follow from that. */
  chapterCount: number;
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
export function packageDocument(input: PackageInput): Generator<string> {
  return joinedInPieces(packageLines(input));
}

function* packageLines(input: PackageInput): Generator<string> {
  const lang = escapeXml(input.lang);
  const cover = input.resources.find((item) => item.properties === 'cover-image');
  yield '<?xml version="1.0" encoding="UTF-8"?>';
  yield `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${lang}">`;
  yield '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">';
  yield `<dc:identifier id="book-id">${escapeXml(input.identifier)}</dc:identifier>`;
  yield `<dc:title>${escapeXml(input.title)}</dc:title>`;
  if (input.author) yield `<dc:creator id="creator">${escapeXml(input.author)}</dc:creator>`;
  yield `<dc:language>${lang}</dc:language>`;
  yield `<dc:source>${escapeXml(input.source)}</dc:source>`;
  if (input.description) yield `<dc:description>${escapeXml(input.description)}</dc:description>`;
  yield `<meta property="dcterms:modified">${modifiedStamp(input.modified)}</meta>`;
  // EPUB 2 readers find the cover through this meta, EPUB 3 ones through properties="cover-image".
  if (cover) yield `<meta name="cover" content="${cover.id}"/>`;
  yield '</metadata>';
  yield '<manifest>';
  yield itemLine({ id: 'ncx', href: NCX_HREF, mediaType: 'application/x-dtbncx+xml' });
  yield itemLine({ id: 'style', href: CSS_HREF, mediaType: 'text/css' });
  for (const item of [...input.resources, ...input.frontMatter]) yield itemLine(item);
  for (let position = 1; position <= input.chapterCount; position++) {
    yield itemLine({ id: chapterId(position), href: chapterHref(position), mediaType: XHTML });
  }
  yield '</manifest>';
  yield '<spine toc="ncx">';
  for (const item of input.frontMatter) yield `<itemref idref="${item.id}"/>`;
  for (let position = 1; position <= input.chapterCount; position++) yield `<itemref idref="${chapterId(position)}"/>`;
  yield '</spine>';
  yield '</package>';
  yield '';
}

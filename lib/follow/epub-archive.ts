// Opens an EPUB someone hands us (made by this extension or by another tool) far enough to read
// its package: the zip, META-INF/container.xml, the package document's metadata, manifest and
// reading order. The file is the reader's, not trusted to be well-formed: every way it can fail
// to be a readable EPUB ends in one sentence saying what is wrong with it.

import { load, type CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { unzipSync } from 'fflate';
import { AppError } from '../errors';

/** A file beyond these is not a book we can open in an extension page's memory. */
export interface EpubLimits {
  entries: number;
  bytes: number;
}
export const EPUB_LIMITS: EpubLimits = { entries: 50_000, bytes: 512 * 1024 * 1024 };

export interface EpubPackage {
  metadata: { titles: string[]; creators: string[]; sources: string[]; identifiers: string[]; languages: string[] };
  /** Zip paths of the reading order's documents, in order. */
  spine: Array<{ path: string; mediaType: string; properties: string }>;
  /** The EPUB 3 navigation document and the EPUB 2 NCX, when the file has them. */
  navPath?: string;
  ncxPath?: string;
  /** The text of a zip entry, or undefined when the file has no such entry. */
  text(path: string): string | undefined;
}

const decoder = new TextDecoder('utf-8');

export function openEpubPackage(bytes: Uint8Array, fileName: string, limits = EPUB_LIMITS): EpubPackage {
  const files = unzip(bytes, fileName, limits);
  const text = (path: string) => {
    const entry = files[path];
    return entry ? decoder.decode(entry) : undefined;
  };
  if (text('mimetype')?.trim() !== 'application/epub+zip' && !files['META-INF/container.xml']) {
    throw unreadable(fileName, 'it is a zip archive but not an EPUB (it has no META-INF/container.xml)');
  }
  if (isEncrypted(text('META-INF/encryption.xml'))) {
    throw unreadable(fileName, 'its chapters are encrypted (DRM), so they cannot be read');
  }
  const container = xml(text('META-INF/container.xml') ?? '');
  const opfPath = container('rootfile').first().attr('full-path');
  const opfText = opfPath ? text(opfPath) : undefined;
  if (!opfPath || opfText === undefined)
    throw unreadable(fileName, 'its META-INF/container.xml names no package document the file holds');
  const opf = xml(opfText);
  const base = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : '';
  const values = (name: string) =>
    byLocalName(opf, name)
      .map((el) => opf(el).text().trim())
      .filter(Boolean);

  const manifest = new Map<string, { path: string; mediaType: string; properties: string }>();
  for (const item of byLocalName(opf, 'item')) {
    const { id, href } = item.attribs;
    if (id && href)
      manifest.set(id, {
        path: zipPath(base, href),
        mediaType: item.attribs['media-type'] ?? '',
        properties: item.attribs.properties ?? '',
      });
  }
  const spine = byLocalName(opf, 'itemref')
    .map((ref) => manifest.get(ref.attribs.idref ?? ''))
    .filter((item): item is NonNullable<typeof item> => item !== undefined);
  if (spine.length === 0) throw unreadable(fileName, 'its package document lists no pages to read');
  const navPath = [...manifest.values()].find((item) => item.properties.split(/\s+/).includes('nav'))?.path;
  const tocId = byLocalName(opf, 'spine')[0]?.attribs.toc;
  const ncxPath =
    (tocId && manifest.get(tocId)?.path) ||
    [...manifest.values()].find((item) => item.mediaType === 'application/x-dtbncx+xml')?.path;
  return {
    metadata: {
      titles: values('title'),
      creators: values('creator'),
      sources: values('source'),
      identifiers: values('identifier'),
      languages: values('language'),
    },
    spine,
    navPath,
    ncxPath,
    text,
  };
}

/** Parses XML (the container, the package document, the NCX) keeping namespace prefixes. */
export function xml(text: string): CheerioAPI {
  return load(text, { xml: true });
}

/** Elements by their name without a namespace prefix: `dc:title` and `title` alike. */
export function byLocalName($: CheerioAPI, name: string): Element[] {
  return $('*')
    .toArray()
    .filter((el): el is Element => el.type === 'tag' && el.name.replace(/^.*:/, '').toLowerCase() === name);
}

/** A path inside the zip from an href relative to a document at `base`; %-escapes undone. */
export function zipPath(base: string, href: string): string {
  const path = safeDecode(href.split('#')[0]!);
  const parts = (base + path).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a lone % is a literal character in a file name
  }
}

function unzip(bytes: Uint8Array, fileName: string, limits: EpubLimits): Record<string, Uint8Array> {
  let entries = 0;
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        entries += 1;
        total += file.originalSize;
        if (entries > limits.entries || total > limits.bytes) {
          const mb = Math.round(limits.bytes / 1_048_576);
          throw unreadable(
            fileName,
            `it holds more than ${limits.entries.toLocaleString('en')} files or ${mb} MB unpacked, more than a book the extension can open`,
          );
        }
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(
      fileName,
      `it is not a zip archive an EPUB must be (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

// Font obfuscation (the IDPF's and Adobe's) hides fonts, not text; any other algorithm is DRM.
const FONT_OBFUSCATION = /idpf\.org\/2008\/embedding|ns\.adobe\.com\/pdf\/enc#RC/i;

function isEncrypted(encryption: string | undefined): boolean {
  if (!encryption) return false;
  return byLocalName(xml(encryption), 'encryptionmethod').some(
    (method) => !FONT_OBFUSCATION.test(method.attribs.Algorithm ?? ''),
  );
}

function unreadable(fileName: string, why: string): AppError {
  return new AppError('invalid_file', `"${fileName}" cannot be continued: ${why}.`);
}

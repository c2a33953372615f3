// Turns the raw bytes of a page into text. Chinese novel sites still serve GBK and Big5, often
// with a wrong or missing Content-Type, so the rule's own charset is trusted first.
// Only TextDecoder is used: it exists in Node and in an MV3 service worker alike.

export interface DecodeOptions {
  /** The Content-Type response header, if any. */
  contentType?: string | null;
  /** The source rule's `charset`, which beats anything the site claims. */
  charset?: string;
}

// Sites labelled gb2312/gbk really use the whole GBK range, and gb18030 is a superset of both.
const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  csgb2312: 'gb18030',
  chinese: 'gb18030',
  'gb_2312-80': 'gb18030',
  'iso-ir-58': 'gb18030',
};

const SNIFF_BYTES = 4096;
const CHARSET_IN_HEADER = /charset\s*=\s*["']?\s*([^"';,\s]+)/i;
// Covers both `<meta charset="gbk">` and `<meta http-equiv=... content="text/html; charset=gbk">`.
const CHARSET_IN_META = /<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i;

/** A TextDecoder for the label, or undefined when the platform does not know it. */
function decoderFor(label: string | null | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  const key = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!key) return undefined;
  try {
    return new TextDecoder(ALIASES[key] ?? key);
  } catch {
    return undefined; // unknown label: let the next clue (or UTF-8) decide instead of failing
  }
}

function charsetFromHeader(contentType: string | null | undefined): string | undefined {
  return contentType ? CHARSET_IN_HEADER.exec(contentType)?.[1] : undefined;
}

function charsetFromMeta(bytes: Uint8Array): string | undefined {
  // Latin-1 maps every byte to one char, so ASCII markup reads right whatever the real encoding.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  const label = CHARSET_IN_META.exec(head)?.[1];
  // A page that reached us as bytes with an ASCII <meta> cannot be UTF-16; browsers read it as UTF-8.
  return label && /^utf-?16/i.test(label) ? 'utf-8' : label;
}

/** The byte-order mark's encoding: it is certain, so it beats every label. */
function charsetFromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

// Servers add these by default whatever the page is written in, so they prove little.
const WEAK_HEADER = /^(utf-?8|iso-8859-1|latin-?1|windows-1252|us-ascii|ascii)$/i;

/** The text if the bytes are valid in that encoding, else undefined. */
function decodeStrict(label: string | undefined, bytes: Uint8Array): string | undefined {
  const lenient = decoderFor(label);
  if (!lenient) return undefined;
  try {
    return new TextDecoder(lenient.encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined; // not valid in this encoding: the caller tries the next clue
  }
}

export function decodeHtml(bytes: Uint8Array, opts: DecodeOptions = {}): string {
  const certain = decoderFor(charsetFromBom(bytes)) ?? decoderFor(opts.charset);
  if (certain) return certain.decode(bytes);
  const header = charsetFromHeader(opts.contentType);
  const meta = charsetFromMeta(bytes);
  // A header that names a real charset wins, as in browsers. But Chinese sites often send a
  // server-default utf-8 or latin-1 over GBK pages: then the page's own <meta> is believed,
  // as long as the bytes are valid in it.
  if (header && !WEAK_HEADER.test(header)) {
    const decoder = decoderFor(header);
    if (decoder) return decoder.decode(bytes);
  }
  const weakHeaderIsUtf8 = header !== undefined && /^utf-?8$/i.test(header);
  const guesses = weakHeaderIsUtf8 ? ['utf-8', meta] : [meta, header, 'utf-8'];
  for (const label of [...guesses, 'gb18030']) {
    if (!label) continue;
    const text = decodeStrict(label, bytes);
    if (text !== undefined) return text;
  }
  return (decoderFor(meta) ?? decoderFor(header) ?? new TextDecoder('utf-8')).decode(bytes);
}

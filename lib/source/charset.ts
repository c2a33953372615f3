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
  const key = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
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

export function decodeHtml(bytes: Uint8Array, opts: DecodeOptions = {}): string {
  const decoder =
    decoderFor(charsetFromBom(bytes)) ??
    decoderFor(opts.charset) ??
    decoderFor(charsetFromHeader(opts.contentType)) ??
    decoderFor(charsetFromMeta(bytes)) ??
    new TextDecoder('utf-8');
  return decoder.decode(bytes);
}

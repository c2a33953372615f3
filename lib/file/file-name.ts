// The file name handed to the downloads bar. chrome.downloads refuses a name its own check
// (Chromium's net::IsSafePortablePathComponent and base::i18n::IsFilenameLegal) finds unsafe,
// with "Invalid filename", after every chapter was fetched; and a name too long for the disk
// makes the download fail later on. So the name keeps only what that check allows:
//   - no control (Cc) or format (Cf) character anywhere: U+0085, bidi overrides, zero-width
//     spaces and joiners, the soft hyphen, the BOM (format characters are invisible, so they
//     go; controls become `_`, or a space where they were a tab or a line break);
//   - no noncharacter, none of `"*/:<>?\|`; no `~`, which Windows reads as a short-name mark;
//   - no whitespace or `.` at either end, no Windows device name (CON, NUL, COM1, …);
//   - at most NAME_BYTES of UTF-8, cut between whole characters as a reader sees them (an
//     emoji with its joiners is one), so Chrome's ` (1)` and `.crdownload` still fit in the 255
//     bytes Linux and macOS allow.

import type { BookFormat } from '../contract';

/** 255 bytes, less `.crdownload` (11) and ` (100)` (6, Chrome's largest uniquifier), and a margin. */
export const NAME_BYTES = 200;

const FORMAT = /\p{Cf}/gu;
const SPACING = /[\t\n\r\v\f\u0085\u2028\u2029]/g;
const CONTROL = /\p{Cc}/gu;
const ILLEGAL = /["*/:<>?\\|]/g;
const AT_ENDS = /^[\s.~]+|[\s.~]+$/gu;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|clock\$)(\..*)?$/i;
const UTF8 = new TextEncoder();

/**
 * `<title> - <author>.<ext>`, a name chrome.downloads takes, never a path, never empty. A file
 * holding part of the book names its chapters, 1-based: `<title> - <author> (801-802).<ext>`;
 * the range survives when a long title is cut.
 */
export function bookFileName(
  title: string,
  author: string | undefined,
  format: BookFormat,
  chapters?: { from: number; to: number },
): string {
  const range = chapters ? ` (${chapters.from}-${chapters.to})` : '';
  const budget = NAME_BYTES - UTF8.encode(`${range}.${format}`).length;
  const name = clean(title) || 'book';
  const by = author ? clean(author) : '';
  // A long title is cut before the author is: the author keeps up to a third of the name.
  const shortBy = cutToBytes(by, Math.floor(budget / 3)).replace(AT_ENDS, '');
  const tail = shortBy ? ` - ${shortBy}` : '';
  let stem = (cutToBytes(name, budget - UTF8.encode(tail).length).replace(AT_ENDS, '') || 'book') + tail;
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  return `${stem}${range}.${format}`;
}

/** The text with what Chrome refuses in a name replaced or dropped, trimmed. */
function clean(text: string): string {
  return text
    .replace(FORMAT, '')
    .replace(SPACING, ' ')
    .replace(CONTROL, '_')
    .replace(/[\ufdd0-\ufdef]|[\ufffe\uffff]|[\u{1fffe}-\u{10ffff}]/gu, (c) => (isNoncharacter(c) ? '_' : c))
    .replace(ILLEGAL, '_')
    .replace(/~/g, '～')
    .replace(/\s+/gu, ' ')
    .replace(AT_ENDS, '');
}

/** U+FDD0–U+FDEF and the last two code points of every plane: never characters. */
function isNoncharacter(c: string): boolean {
  const code = c.codePointAt(0)!;
  return (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe;
}

/** The longest start of `text` of at most `bytes` UTF-8 bytes that ends between two graphemes. */
function cutToBytes(text: string, bytes: number): string {
  if (UTF8.encode(text).length <= bytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const size = UTF8.encode(segment).length;
    if (used + size > bytes) break;
    out += segment;
    used += size;
  }
  return out;
}

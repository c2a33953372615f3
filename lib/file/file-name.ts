import type { BookFormat } from '../contract';

// Characters no file system of Windows, macOS or Linux accepts in a name, plus controls.
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_STEM = 120;

/**
 * `<title> - <author>.<ext>`, safe on every OS, never a path, never empty. A file holding part of
 * the book names its chapters, 1-based: `<title> - <author> (801-802).<ext>`; the range survives
 * when a long title is cut.
 */
export function bookFileName(title: string, author: string | undefined, format: BookFormat, chapters?: { from: number; to: number }): string {
  const stem = author ? `${title} - ${author}` : title;
  let safe = stem.replace(ILLEGAL, '_').replace(/\s+/g, ' ').trim();
  // Leading dots hide files or climb folders; trailing dots and spaces vanish on Windows.
  safe = safe.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (safe.length > MAX_STEM) safe = Array.from(safe).slice(0, MAX_STEM).join('').trim();
  if (!safe) safe = 'book';
  if (WINDOWS_RESERVED.test(safe)) safe = `_${safe}`;
  const range = chapters ? ` (${chapters.from}-${chapters.to})` : '';
  return `${safe}${range}.${format}`;
}

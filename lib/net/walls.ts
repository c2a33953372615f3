// Tells from an answer whether it is a wall a person must get past (an anti-bot challenge, a
// sign-in, a locked chapter) instead of the page asked for. Pure: the markers are data
// (wall-markers.ts), and every source and the generic reader get their pages through the one
// fetch that asks this.

import { WALL_MARKERS, type WallKind, type WallMarker } from './wall-markers';

export type { WallKind } from './wall-markers';

/** An HTTP answer as the detector sees it. */
export interface Answer {
  /** The URL that was asked for. */
  requestedUrl: string;
  /** Where the answer came from, after redirects. */
  url: string;
  status: number;
  /** A response header by name (case-insensitive), or null. */
  header(name: string): string | null;
  /** The body as text. */
  html: string;
}

export interface Wall {
  kind: WallKind;
  /** The marker that matched (wall-markers.ts). */
  marker: string;
  /** Who put the wall up: `Cloudflare`, `the site`. */
  by: string;
  /** What matched, cut short and only ever text: a title, a header, a sentence, an address. */
  evidence: string;
}

// Wall pages are small; past this a page is content, and a hostile page cannot make us scan more.
const MAX_SCAN_CHARS = 1_000_000;
const EVIDENCE_CHARS = 100;

/** The first marker that matches `answer`, as a wall; null when the answer is an ordinary page. */
export function detectWall(answer: Answer, markers: readonly WallMarker[] = WALL_MARKERS): Wall | null {
  const page = new PageView(answer, markers);
  for (const marker of markers) {
    const evidence = page.match(marker);
    if (evidence !== null) return { kind: marker.kind, marker: marker.id, by: marker.by, evidence: clip(evidence) };
  }
  return null;
}

/** The parts of an answer markers look at, each worked out once and only when asked for. */
class PageView {
  private readonly html: string;
  private lower?: string;
  private titleText?: string | null;
  private textCache?: string;
  private readonly textCap: number;

  constructor(
    private readonly answer: Answer,
    markers: readonly WallMarker[],
  ) {
    this.html = answer.html.length > MAX_SCAN_CHARS ? answer.html.slice(0, MAX_SCAN_CHARS) : answer.html;
    // Text past the longest page any marker reads is never looked at.
    this.textCap = Math.max(0, ...markers.map((m) => m.maxText ?? 0));
  }

  /** What proves `marker` on this page, or null when one of its conditions fails. */
  match(marker: WallMarker): string | null {
    const found: string[] = [];
    if (marker.status && !marker.status.includes(this.answer.status)) return null;
    if (marker.status) found.push(`HTTP ${this.answer.status}`);
    if (marker.redirectedTo) {
      const target = this.redirectTarget();
      if (target === null || !marker.redirectedTo.test(target)) return null;
      found.push(this.answer.url);
    }
    if (marker.header) {
      const [name, value] = marker.header;
      const actual = this.answer.header(name);
      if (actual === null || !value.test(actual)) return null;
      found.push(`${name}: ${actual}`);
    }
    if (marker.title) {
      const title = this.title();
      if (title === null || !marker.title.test(title)) return null;
      found.push(title);
    }
    if (marker.markup) {
      const hit = marker.markup.exec(this.html);
      if (!hit) return null;
      found.push(hit[0]);
    }
    if (marker.maxText !== undefined && this.text().length > marker.maxText) return null;
    if (marker.text) {
      const text = this.text();
      const hit = marker.text.exec(text);
      if (!hit) return null;
      found.push(around(text, hit.index, hit[0].length));
    }
    return found.join(' · ');
  }

  /** `host/path` of the final URL when the request was redirected elsewhere; null otherwise. */
  private redirectTarget(): string | null {
    if (this.answer.url === this.answer.requestedUrl) return null;
    try {
      const { host, pathname } = new URL(this.answer.url);
      return host + pathname;
    } catch {
      return null; // no valid final URL: nothing to judge a redirect by
    }
  }

  private title(): string | null {
    if (this.titleText === undefined) this.titleText = pageTitle(this.html, this.lowerHtml());
    return this.titleText;
  }

  private text(): string {
    if (this.textCache === undefined) this.textCache = visibleText(this.html, this.lowerHtml(), this.textCap + 1);
    return this.textCache;
  }

  private lowerHtml(): string {
    if (this.lower === undefined) this.lower = this.html.toLowerCase();
    return this.lower;
  }
}

/** The text of the first <title>, whitespace collapsed; null when there is none. */
export function pageTitle(html: string, lower = html.toLowerCase()): string | null {
  const open = findTag(lower, 'title', 0);
  if (open < 0) return null;
  const start = lower.indexOf('>', open);
  if (start < 0) return null;
  const end = lower.indexOf('</title', start);
  const raw = html.slice(
    start + 1,
    end < 0 ? Math.min(html.length, start + 1 + 1_000) : Math.min(end, start + 1 + 1_000),
  );
  return collapse(decodeEntities(raw));
}

// Elements whose content a reader never sees as words on the page.
const HIDDEN = ['script', 'style', 'noscript', 'template', 'textarea', 'svg'];
// Tags that start or end a block: the text on either side is a different line.
const BLOCK =
  /^<\/?(?:p|div|br|h[1-6]|li|dd|dt|tr|td|th|section|article|header|footer|nav|aside|main|title|form|ul|ol|dl|table|body|blockquote|pre|hr|button|label|option)[\s/>]/;

/**
 * The words a reader sees, one line per block, whitespace collapsed, up to `cap` characters.
 * Inline tags join their words as the page shows them (本章为<b>VIP</b>章节). One pass over the
 * markup with indexOf, so unclosed tags or comments cannot make it quadratic.
 */
export function visibleText(html: string, lower = html.toLowerCase(), cap = Number.POSITIVE_INFINITY): string {
  let text = '';
  let at = 0;
  while (at < html.length && text.length <= cap) {
    const lt = html.indexOf('<', at);
    const end = lt < 0 ? html.length : lt;
    if (end > at) text += collapse(decodeEntities(html.slice(at, end)), true);
    if (lt < 0) break;
    if (lower.startsWith('<!--', lt)) {
      const close = lower.indexOf('-->', lt + 4);
      at = close < 0 ? html.length : close + 3;
      continue;
    }
    let tagEnd = lt;
    const hidden = HIDDEN.find((name) => isTagAt(lower, name, lt));
    if (hidden || BLOCK.test(lower.slice(lt, lt + 14))) text += '\n';
    if (hidden) {
      const close = lower.indexOf(`</${hidden}`, lt + hidden.length + 1);
      if (close < 0) break;
      tagEnd = close + hidden.length + 2;
    }
    const gt = lower.indexOf('>', tagEnd);
    at = gt < 0 ? html.length : gt + 1;
  }
  return collapse(text).slice(0, cap);
}

function findTag(lower: string, name: string, from: number): number {
  for (let at = lower.indexOf(`<${name}`, from); at >= 0; at = lower.indexOf(`<${name}`, at + 1)) {
    if (isTagAt(lower, name, at)) return at;
  }
  return -1;
}

function isTagAt(lower: string, name: string, at: number): boolean {
  if (!lower.startsWith(name, at + 1) || lower[at] !== '<') return false;
  const next = lower[at + 1 + name.length];
  return next === undefined || next === '>' || next === '/' || /\s/.test(next);
}

const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  hellip: '…',
  middot: '·',
  mdash: '—',
  ndash: '–',
  larr: '←',
  rarr: '→',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  copy: '©',
};

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi,
    (whole, dec?: string, hex?: string, name?: string) => {
      if (name) return NAMED[name.toLowerCase()] ?? whole;
      const code = dec ? Number(dec) : Number.parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

/** Runs of spaces become one space, and any run with a line break one line break. */
function collapse(text: string, keepEdges = false): string {
  const collapsed = text.replace(/[^\S\n]+/g, ' ').replace(/ ?\n[\s]*/g, '\n');
  return keepEdges ? collapsed : collapsed.trim();
}

const SENTENCE_END = /[。！？!?.\n]/;
const REACH = 60;

/** The sentence the matched words are in (as far as REACH characters either way). */
function around(text: string, index: number, length: number): string {
  let start = index;
  while (start > 0 && index - start < REACH && !SENTENCE_END.test(text[start - 1]!)) start--;
  let end = index + length;
  while (end < text.length && end - index - length < REACH && !SENTENCE_END.test(text[end - 1]!)) end++;
  return text.slice(start, end).trim();
}

function clip(text: string): string {
  return text.length > EVIDENCE_CHARS ? `${text.slice(0, EVIDENCE_CHARS - 1)}…` : text;
}

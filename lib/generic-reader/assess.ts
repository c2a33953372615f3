// The generic reader's own view of a page: what the page is (a table of contents, a book page whose
// list is elsewhere, a chapter, nothing of a book), what it would download from it, how sure it
// is, and why. Detection shows it on the toolbar; below CONFIRM_BELOW the popup asks the user
// before anything downloads. Pure: (html, url) => PageAssessment.

import type { CheerioAPI } from 'cheerio/slim';
import type { ReadingNote, TocEntry, TocOrder } from '../book-pages';
import type { Doubt, PageReading } from '../contract';
import { bookAuthor, bookTitle } from './book';
import { contentsLink, movesOn, partialList } from './contents-link';
import { findChapterList, type ChapterList } from './links';
import { decideOrder, withoutDuplicates, type OrderDecision } from './order';
import { genericPage } from './page';
import { listPages } from './page-urls';

export interface PageAssessment {
  kind: 'toc' | 'book' | 'chapter' | 'none';
  url: string;
  title?: string;
  author?: string;
  /** Chapters listed on this page, once each. */
  chapters: number;
  /** In reading order, as a download would take them. */
  first?: TocEntry;
  last?: TocEntry;
  /** Which way the page lists them. */
  order?: TocOrder;
  /** The whole list is on this page. */
  tocUrl?: string;
  /** The list continues on this page. */
  nextPage?: string;
  /** 0–1. */
  confidence: number;
  doubts: Doubt[];
  /** Why, one sentence each: what was found, and every doubt. */
  reasons: string[];
}

// How much each doubt takes off the reader's confidence.
const WEIGHT: Record<Doubt, number> = {
  'order-conflict': 0.5,
  'order-unknown': 0.2,
  'order-weak': 0.2,
  'latest-only': 0.4,
  'starts-mid-book': 0.35,
  unnumbered: 0.35,
  mixed: 0.15,
  'few-chapters': 0.2,
};
// A list with fewer chapters than this is thin evidence of anything.
const FEW = 3;
// More of a list's links than this share left out as not chapters is a mixed list.
const MIXED_SHARE = 0.2;

const SENTENCES: Record<Doubt, string> = {
  'order-conflict':
    "The chapters' names and addresses disagree about which way the list runs, so the page's order is kept.",
  'order-unknown': "Nothing on the page tells which way the list runs, so the page's order is kept.",
  'order-weak': 'The list was turned around on the word of a single pair of chapters.',
  'latest-only': 'The page lists only the newest chapters.',
  'starts-mid-book': 'The list starts in the middle of the book and nothing says where the rest is.',
  unnumbered: 'The chapter names carry no numbers: the list was found by its layout alone.',
  mixed: 'Many links of the list did not read like chapters and were left out.',
  'few-chapters': 'The page lists very few chapters.',
};

/** The doubts a list's order leaves, as codes. */
export function orderDoubts(decision: OrderDecision): Doubt[] {
  if (decision.doubt === 'conflict') return ['order-conflict'];
  if (decision.doubt === 'none') return ['order-unknown'];
  if (decision.doubt === 'weak') return ['order-weak'];
  return [];
}

/** What the generic reader would say about a whole table of contents, for a task's log. */
export function tocNotes(chapters: readonly TocEntry[]): ReadingNote[] {
  const decision = decideOrder(withoutDuplicates(chapters));
  const notes: ReadingNote[] = orderDoubts(decision).map((d) => ({ level: 'warn', message: SENTENCES[d] }));
  if (decision.order === 'desc') {
    const by = decision.signals
      .filter((s) => s.says === 'desc')
      .map((s) => s.by)
      .join(' and ');
    notes.push({
      level: 'info',
      message: `The list runs newest first (its ${by} count down), so it was turned around.`,
    });
  }
  return notes;
}

function listDoubts(list: ChapterList, unique: number, decision: OrderDecision): Doubt[] {
  const doubts = orderDoubts(decision);
  if (list.byLayout) doubts.push('unnumbered');
  if (list.dropped > MIXED_SHARE * (list.entries.length + list.dropped)) doubts.push('mixed');
  if (unique < FEW) doubts.push('few-chapters');
  return doubts;
}

export function assessPage(html: string | CheerioAPI, url: string): PageAssessment {
  const page = genericPage(html, url);
  const list = findChapterList(page);
  const pages = listPages(page);
  const partial = partialList(list, pages, movesOn(page));
  const tocUrl = partial ? contentsLink(page, list) : undefined;
  const title = bookTitle(page);
  const author = title ? bookAuthor(page, title) : undefined;
  const base = { url, ...(title ? { title } : {}), ...(author ? { author } : {}) };
  if (!list || partial === 'chapter-page') {
    // A chapter is known as one by the way back to its book; without it, it is nothing of a book.
    const kind = !tocUrl ? 'none' : partial === 'chapter-page' ? 'chapter' : 'book';
    const here = partial === 'chapter-page' ? 'A chapter page' : 'No chapter list here';
    const reasons = tocUrl
      ? [`${here}; the table of contents is at ${tocUrl}.`]
      : [`${here}, and no link to the table of contents.`];
    return {
      ...base,
      kind,
      chapters: 0,
      ...(tocUrl ? { tocUrl } : {}),
      confidence: tocUrl ? 0.5 : 0,
      doubts: [],
      reasons,
    };
  }
  const unique = withoutDuplicates(list.entries);
  const decision = decideOrder(unique);
  const ordered = decision.order === 'desc' ? [...unique].reverse() : unique;
  const doubts = listDoubts(list, unique.length, decision);
  if (partial === 'latest-only' || partial === 'starts-mid-book') doubts.push(partial);
  // A link to the whole list answers "only the newest chapters here": it is read instead.
  const weight = doubts.reduce(
    (sum, d) => sum + (tocUrl && (d === 'latest-only' || d === 'starts-mid-book') ? WEIGHT[d] / 2 : WEIGHT[d]),
    0,
  );
  const reasons = [
    `${unique.length} chapters listed, from «${ordered[0]!.title}» to «${ordered[ordered.length - 1]!.title}».`,
    ...tocNotes(list.entries).map((n) => n.message),
  ];
  for (const d of doubts) if (!reasons.includes(SENTENCES[d])) reasons.push(SENTENCES[d]);
  if (tocUrl) reasons.push(`The whole list is read from ${tocUrl}.`);
  if (pages.next) reasons.push(`The list continues on ${pages.next}.`);
  return {
    ...base,
    kind: tocUrl ? 'book' : 'toc',
    chapters: unique.length,
    first: ordered[0],
    last: ordered[ordered.length - 1],
    order: decision.order,
    ...(tocUrl ? { tocUrl } : {}),
    ...(pages.next ? { nextPage: pages.next } : {}),
    confidence: Math.max(0, Math.round((1 - weight) * 100) / 100),
    doubts,
    reasons,
  };
}

/** The part of an assessment the toolbar and the popup carry (contract PageReading). */
export function pageReading(assessment: PageAssessment): PageReading {
  const { confidence, doubts, first, last, order, tocUrl } = assessment;
  return {
    confidence,
    doubts,
    ...(first ? { first: first.title } : {}),
    ...(last ? { last: last.title } : {}),
    ...(order ? { order } : {}),
    ...(tocUrl ? { tocUrl } : {}),
  };
}

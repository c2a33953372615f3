// How a reading compares with what a correct reader gets from a page. Pure: expectations and
// readings in, a verdict and the problems in words out.

import type { TocEntry } from '../../lib/book-pages';
import type { ChapterExpectation, TocExpectation } from './pages';
import type { ChapterReading, TocReading } from './read';

export interface Verdict {
  pass: boolean;
  /** The figures of the row: "687/687 found, order ok" or "F1 0.998". */
  summary: string;
  /** What is wrong, one short phrase each; empty when the page passes. */
  problems: string[];
}

/** A chapter's text is right when its tokens match the expected text's this well. */
export const MIN_TEXT_F1 = 0.97;

const norm = (text: string | undefined | null) => (text ?? '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
const quote = (text: string | undefined, max = 40) => {
  const t = norm(text);
  return `«${t.length > max ? `${t.slice(0, max)}…` : t}»`;
};

function tocNextProblems(expected: TocExpectation, got: TocReading): string[] {
  const continues = got.next ?? got.pages[0];
  if (expected.next) {
    const listed = got.next === expected.next || got.pages.includes(expected.next);
    return listed ? [] : [`next page ${continues ?? 'not found'}, expected ${expected.next}`];
  }
  if (!expected.tocComplete) return got.tocUrl ? [] : ['the link to the whole list was not reported'];
  const problems: string[] = [];
  if (continues) problems.push(`a next page ${continues} that is not one`);
  if (got.tocUrl) problems.push(`a contents link ${got.tocUrl} although the whole list is here`);
  return problems;
}

export function scoreToc(expected: TocExpectation, got: TocReading): Verdict {
  const problems: string[] = [];
  if (got.error) problems.push(`error: ${got.error}`);
  const wanted = new Map(expected.chapters.map((c, i) => [c.url, { entry: c, index: i }]));
  const optional = new Set(expected.optional.map((c) => c.url));
  const seen = new Set<string>();
  let duplicates = 0;
  const extra: TocEntry[] = [];
  const found: Array<{ got: TocEntry; index: number; entry: TocEntry }> = [];
  for (const chapter of got.chapters) {
    if (seen.has(chapter.url)) duplicates += 1;
    seen.add(chapter.url);
    const match = wanted.get(chapter.url);
    if (match) found.push({ got: chapter, ...match });
    else if (!optional.has(chapter.url)) extra.push(chapter);
  }
  const foundUrls = new Set(found.map((f) => f.got.url));
  const missing = expected.chapters.filter((c) => !foundUrls.has(c.url));
  const outOfOrder = found.filter((f, i) => i > 0 && f.index < found[i - 1]!.index).length;
  const misnamed = found.filter((f) => norm(f.got.title) !== norm(f.entry.title));

  // The page's own list is not the book's and the reader went where the whole one is: nothing here to count.
  const elsewhere = got.listElsewhere === true && !expected.tocComplete;
  if (missing.length && !elsewhere) problems.push(`${missing.length} missing (first ${quote(missing[0]!.title)})`);
  if (extra.length) problems.push(`${extra.length} not chapters (first ${quote(extra[0]!.title)})`);
  if (duplicates) problems.push(`${duplicates} duplicates`);
  if (outOfOrder)
    problems.push(
      `order wrong ${outOfOrder}×${found[0] && found[0].index > found[found.length - 1]!.index ? ' (reversed)' : ''}`,
    );
  if (misnamed.length)
    problems.push(
      `${misnamed.length} misnamed (${quote(misnamed[0]!.got.title)} for ${quote(misnamed[0]!.entry.title)})`,
    );
  if (norm(got.title) !== norm(expected.title)) problems.push(`title ${quote(got.title, 60)}`);
  const authors = expected.author === null ? [] : [expected.author, ...(expected.authorAlternatives ?? [])].map(norm);
  const author = norm(got.author);
  if (expected.author === null ? author !== '' : !authors.includes(author))
    problems.push(`author ${quote(got.author)}`);
  problems.push(...tocNextProblems(expected, got));
  const summary = elsewhere
    ? `the whole list is at ${got.tocUrl}`
    : `${found.length}/${expected.chapters.length} chapters${outOfOrder ? '' : ', in order'}`;
  return { pass: problems.length === 0, summary, problems };
}

/** Words of Latin script, single characters of CJK scripts; punctuation does not count. */
export function tokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The F1 of two texts' token multisets: 1 when they hold the same words. */
export function tokenF1(expected: string, got: string): number {
  const want = new Map<string, number>();
  for (const t of tokens(expected)) want.set(t, (want.get(t) ?? 0) + 1);
  const gotTokens = tokens(got);
  let common = 0;
  for (const t of gotTokens) {
    const left = want.get(t) ?? 0;
    if (left > 0) {
      common += 1;
      want.set(t, left - 1);
    }
  }
  const wanted = tokens(expected).length;
  if (common === 0) return wanted === 0 && gotTokens.length === 0 ? 1 : 0;
  const precision = common / gotTokens.length;
  const recall = common / wanted;
  return (2 * precision * recall) / (precision + recall);
}

export function scoreChapter(expected: ChapterExpectation, got: ChapterReading): Verdict {
  const problems: string[] = [];
  if (got.error) problems.push(`error: ${got.error}`);
  // Lines a reader may keep are not held against it.
  const optional = new Set(expected.optionalLines.map(norm));
  const kept = got.text.split('\n').filter((line) => !optional.has(norm(line)));
  const f1 = tokenF1(expected.lines.join('\n'), kept.join('\n'));
  if (f1 < MIN_TEXT_F1) problems.push(`text F1 ${f1.toFixed(3)} < ${MIN_TEXT_F1}`);
  const leaked = expected.mustNotContain.filter((s) => got.text.includes(s));
  if (leaked.length) problems.push(`leaked ${leaked.map((s) => quote(s, 20)).join(', ')}`);
  if (norm(got.title) !== norm(expected.title)) problems.push(`title ${quote(got.title, 60)}`);
  if ((got.next ?? null) !== expected.next)
    problems.push(`next page ${got.next ?? 'none'}, expected ${expected.next ?? 'none'}`);
  return { pass: problems.length === 0, summary: `text F1 ${f1.toFixed(3)}`, problems };
}

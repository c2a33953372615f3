// `source.test`: reads a book page, its whole table of contents and the first chapter the way a
// download does (same page loader, same readers), but stores nothing. The options page uses it
// to try a rule on a real book before importing or enabling it.

import type { TocEntry } from '../book-pages';
import type { ChapterSample, SourceRule, SourceTestReport, TaskWarning } from '../contract';
import { AppError, toErrorInfo } from '../errors';
import { matchSource } from '../generic-reader/rule';
import { isLegadoInput, translateLegado } from '../legado/import';
import { isLiveTest, liveTestProblems, type LiveTestCase } from '../source-rules/live-test';
import type { SourceRegistry } from '../source-rules/registry';
import { validateRule } from '../source-rules/validate-rule';
import { bookReading, type BookReading } from '../task/book-reader';
import type { PageLoader } from '../task/page-loader';
import { readBook } from '../task/read-book';
import { readChapter } from '../task/read-chapter';
import { withCut } from '../task/warnings';
import { withoutHash } from '../url';

const SHOWN_CHAPTERS = 5;
const SHOWN_TEXT = 2000;
const SAMPLE_TEXT = 500;
const MAX_SAMPLES = 5;

export interface SourceTestRequest {
  url?: unknown;
  sourceId?: unknown;
  rule?: unknown;
  samples?: unknown;
}

export async function testSource(
  request: SourceTestRequest,
  deps: { sources: SourceRegistry; load: PageLoader; signal?: AbortSignal },
): Promise<SourceTestReport> {
  const samples = sampleCount(request.samples);
  const given = request.url === undefined ? undefined : bookUrl(request.url);
  const rule = await pickRule(request, given, deps.sources);
  const live = liveCase(rule, given);
  const url = given ?? live?.url;
  if (!url) {
    throw new AppError(
      'invalid_url',
      `No book page to test "${rule.id}" with: give the link of a book page (the rule carries no live test case to read instead).`,
    );
  }
  // The book's site is that of the page read, whether the request or the live test case gave it.
  let warnings: TaskWarning[] | undefined;
  const reading = bookReading(url, rule, deps.load, deps.signal ?? new AbortController().signal, {
    cut: (cut) => (warnings = withCut(warnings, cut)),
  });
  const book = await readBook(url, undefined, reading);
  const [first, second] = book.chapters;
  // readBook never returns an empty table of contents (finishToc throws `parse`).
  const chapter = await readChapter(first!, second?.url, reading);
  const sampled = samples > 1 ? await readSamples(book.chapters, samples, reading) : undefined;
  const check = live && {
    url: live.url,
    problems: liveTestProblems(live.expect, {
      title: book.title,
      author: book.author,
      chapters: book.chapters,
      firstChapterText: chapter.text,
    }),
  };
  return {
    sourceId: rule.id,
    book: { title: book.title, author: book.author, cover: book.cover, intro: book.intro },
    chapters: book.chapters.length,
    firstChapters: book.chapters.slice(0, SHOWN_CHAPTERS).map(({ title, url }) => ({ title, url })),
    firstChapter: {
      title: chapter.title,
      url: first!.url,
      text: chapter.text.slice(0, SHOWN_TEXT),
      length: chapter.text.length,
    },
    ...(sampled ? { samples: sampled } : {}),
    ...(check ? { check } : {}),
    ...(warnings ? { warnings } : {}),
  };
}

function sampleCount(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SAMPLES) {
    throw new AppError(
      'invalid_message',
      `"samples" must be a whole number of chapters from 1 to ${MAX_SAMPLES}, not ${JSON.stringify(value) ?? 'nothing'}.`,
    );
  }
  return value;
}

/** `count` positions spread evenly from the first chapter to the last, each once. */
export function samplePositions(chapters: number, count: number): number[] {
  if (chapters <= count) return Array.from({ length: chapters }, (_, i) => i);
  const step = (chapters - 1) / (count - 1);
  return [...new Set(Array.from({ length: count }, (_, i) => Math.round(i * step)))];
}

/** Chapters over the whole book, one after another (politeness is the loader's); a chapter that fails says why and the others go on. */
async function readSamples(
  chapters: readonly TocEntry[],
  count: number,
  reading: BookReading,
): Promise<ChapterSample[]> {
  const out: ChapterSample[] = [];
  for (const i of samplePositions(chapters.length, count)) {
    const entry = chapters[i]!;
    const where = { index: i + 1, title: entry.title, url: entry.url };
    try {
      const chapter = await readChapter(entry, chapters[i + 1]?.url, reading);
      out.push({
        ...where,
        title: chapter.title,
        text: chapter.text.slice(0, SAMPLE_TEXT),
        length: chapter.text.length,
      });
    } catch (error) {
      if (reading.signal.aborted) throw error;
      out.push({ ...where, error: toErrorInfo(error) });
    }
  }
  return out;
}

/** The rule's live test case for this page (or, with no page given, its first one). */
function liveCase(rule: SourceRule, url: string | undefined): LiveTestCase | undefined {
  const live = (rule.tests ?? []).filter(isLiveTest);
  return url === undefined ? live[0] : live.find((test) => withoutHash(test.url) === withoutHash(url));
}

function bookUrl(value: unknown): string {
  const shown = typeof value === 'string' ? `"${value}"` : `A ${value === null ? 'null' : typeof value} value`;
  if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new AppError(
      'invalid_url',
      `${shown} is not an http:// or https:// address. Give the full link of a book page to test with.`,
    );
  }
  return new URL(value).href;
}

/** An unsaved legado source, translated as an import would; refused with its reasons when it cannot be. */
function legadoRule(input: unknown): SourceRule {
  const { rules, report } = translateLegado(input);
  const [entry] = report;
  if (!rules[0] || !entry) {
    throw new AppError(
      'invalid_source',
      `The legado source "${entry?.name ?? ''}" cannot be used here: ${entry?.reasons.map((r) => r.message).join('; ')}.`,
    );
  }
  return validateRule(rules[0]);
}

/** An unsaved rule (ours or a legado source) beats a source id; with neither, the source that would download the URL. */
async function pickRule(
  request: SourceTestRequest,
  url: string | undefined,
  sources: SourceRegistry,
): Promise<SourceRule> {
  if (request.rule !== undefined)
    return !Array.isArray(request.rule) && isLegadoInput(request.rule)
      ? legadoRule(request.rule)
      : validateRule(request.rule);
  if (request.sourceId !== undefined) {
    const id = request.sourceId;
    const source = typeof id === 'string' ? await sources.get(id) : undefined;
    if (!source)
      throw new AppError(
        'unknown_source',
        `There is no book source with the id ${JSON.stringify(id)}. See the list in Options → Sources.`,
      );
    return source; // a disabled source may be tested: that is how one checks it before enabling it
  }
  // The same choice as task.start: a source made for the site, else the generic reader.
  if (url === undefined)
    throw new AppError(
      'invalid_url',
      'No book page to test: give the link of a book page, or name a source that carries a live test case.',
    );
  const source = matchSource(await sources.list(), url);
  if (!source) {
    throw new AppError(
      'no_source',
      `No enabled book source knows the site of ${url}. Name a source with sourceId, or test an unsaved rule.`,
    );
  }
  return source;
}

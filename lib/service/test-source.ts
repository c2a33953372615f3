// `source.test`: reads a book page, its whole table of contents and the first chapter the way a
// download does (same page loader, same readers), but stores nothing. The options page uses it
// to try a rule on a real book before importing or enabling it.

import type { SourceRule, SourceTestReport, TaskWarning } from '../contract';
import { AppError } from '../errors';
import { matchSource } from '../generic-reader/rule';
import { isLegadoInput, translateLegado } from '../legado/import';
import type { SourceRegistry } from '../source-rules/registry';
import { validateRule } from '../source-rules/validate-rule';
import { bookReading } from '../task/book-reader';
import type { PageLoader } from '../task/page-loader';
import { readBook } from '../task/read-book';
import { readChapter } from '../task/read-chapter';
import { withCut } from '../task/warnings';

const SHOWN_CHAPTERS = 5;
const SHOWN_TEXT = 2000;

export interface SourceTestRequest {
  url?: unknown;
  sourceId?: unknown;
  rule?: unknown;
}

export async function testSource(
  request: SourceTestRequest,
  deps: { sources: SourceRegistry; load: PageLoader; signal?: AbortSignal },
): Promise<SourceTestReport> {
  const url = bookUrl(request.url);
  const rule = await pickRule(request, url, deps.sources);
  let warnings: TaskWarning[] | undefined;
  const reading = bookReading(url, rule, deps.load, deps.signal ?? new AbortController().signal, { cut: (cut) => (warnings = withCut(warnings, cut)) });
  const book = await readBook(url, undefined, reading);
  const [first, second] = book.chapters;
  // readBook never returns an empty table of contents (finishToc throws `parse`).
  const chapter = await readChapter(first!, second?.url, reading);
  return {
    sourceId: rule.id,
    book: { title: book.title, author: book.author, cover: book.cover, intro: book.intro },
    chapters: book.chapters.length,
    firstChapters: book.chapters.slice(0, SHOWN_CHAPTERS).map(({ title, url }) => ({ title, url })),
    firstChapter: { title: chapter.title, url: first!.url, text: chapter.text.slice(0, SHOWN_TEXT), length: chapter.text.length },
    ...(warnings ? { warnings } : {}),
  };
}

function bookUrl(value: unknown): string {
  const shown = typeof value === 'string' ? `"${value}"` : `A ${value === null ? 'null' : typeof value} value`;
  if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new AppError('invalid_url', `${shown} is not an http:// or https:// address. Give the full link of a book page to test with.`);
  }
  return new URL(value).href;
}

/** An unsaved legado source, translated as an import would; refused with its reasons when it cannot be. */
function legadoRule(input: unknown): SourceRule {
  const { rules, report } = translateLegado(input);
  const [entry] = report;
  if (!rules[0] || !entry) {
    throw new AppError('invalid_source', `The legado source "${entry?.name ?? ''}" cannot be used here: ${entry?.reasons.map((r) => r.message).join('; ')}.`);
  }
  return validateRule(rules[0]);
}

/** An unsaved rule (ours or a legado source) beats a source id; with neither, the source that would download the URL. */
async function pickRule(request: SourceTestRequest, url: string, sources: SourceRegistry): Promise<SourceRule> {
  if (request.rule !== undefined) return !Array.isArray(request.rule) && isLegadoInput(request.rule) ? legadoRule(request.rule) : validateRule(request.rule);
  if (request.sourceId !== undefined) {
    const id = request.sourceId;
    const source = typeof id === 'string' ? await sources.get(id) : undefined;
    if (!source) throw new AppError('unknown_source', `There is no book source with the id ${JSON.stringify(id)}. See the list in Options → Sources.`);
    return source; // a disabled source may be tested: that is how one checks it before enabling it
  }
  // The same choice as task.start: a source made for the site, else the generic reader.
  const source = matchSource(await sources.list(), url);
  if (!source) {
    throw new AppError('no_source', `No enabled book source knows the site of ${url}. Name a source with sourceId, or test an unsaved rule.`);
  }
  return source;
}

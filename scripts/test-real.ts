// `npm run test:real`: the generic reader, and every built-in source whose `matches` covers a
// page's address, on the saved pages of real sites in ../shared/real-pages. One row a page and
// reader, then totals; exits 1 when any page is read wrong, 2 when the pages are not there.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BookReader } from '../lib/book-pages';
import type { SourceRule } from '../lib/contract';
import { assessPage } from '../lib/generic-reader/assess';
import { genericRule } from '../lib/generic-reader/rule';
import { matchesPattern } from '../lib/source-rules/match-pattern';
import { readerFor } from '../lib/task/book-reader';
import { loadRealPages, RealPagesMissing, type ChapterExpectation, type RealPage } from '../test/real/pages';
import { readChapterPage, readTocPage } from '../test/real/read';
import { scoreChapter, scoreToc, type Verdict } from '../test/real/score';

const SOURCES_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../sources');

/** The built-in sources as shipped: the JSON files of sources/. */
function builtInSources(): SourceRule[] {
  return readdirSync(SOURCES_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(SOURCES_DIR, name), 'utf-8')) as SourceRule);
}

function readersFor(page: RealPage, sources: readonly SourceRule[]): Array<{ id: string; reader: BookReader }> {
  const covering = sources.filter((s) => s.matches.some((p) => matchesPattern(p, page.url)));
  return [genericRule, ...covering].map((rule) => ({ id: rule.id, reader: readerFor(rule) }));
}

function judge(page: RealPage, reader: BookReader): Verdict {
  if (page.expected.kind === 'chapter') {
    return scoreChapter(page.expected, readChapterPage(reader, page as RealPage & { expected: ChapterExpectation }));
  }
  return scoreToc(page.expected, readTocPage(reader, page));
}

/** What the generic reader's own look at the page says it is, and how sure it is; wrong when it names another kind. */
function seenAs(page: RealPage, verdict: Verdict): string {
  const a = assessPage(page.html, page.url);
  if (a.kind !== page.expected.kind) verdict.problems.push(`seen as a ${a.kind} page`);
  return `${a.kind} ${a.confidence.toFixed(2)}${a.doubts.length ? ` ${a.doubts.join(',')}` : ''}`;
}

function main(): number {
  let pages: RealPage[];
  try {
    pages = loadRealPages();
  } catch (error) {
    if (!(error instanceof RealPagesMissing)) throw error;
    console.error(error.message);
    return 2;
  }
  const sources = builtInSources();
  const rows: string[][] = [['page', 'kind', 'reader', 'seen as', 'result', 'figures', 'problems']];
  const totals = new Map<string, { pass: number; all: number }>();
  for (const page of pages) {
    for (const { id, reader } of readersFor(page, sources)) {
      const verdict = judge(page, reader);
      const seen = id === genericRule.id ? seenAs(page, verdict) : '';
      verdict.pass = verdict.problems.length === 0;
      const total = totals.get(id) ?? { pass: 0, all: 0 };
      totals.set(id, { pass: total.pass + (verdict.pass ? 1 : 0), all: total.all + 1 });
      rows.push([
        page.id,
        page.expected.kind,
        id,
        seen,
        verdict.pass ? 'ok' : 'FAIL',
        verdict.summary,
        verdict.problems.join('; '),
      ]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    );
  let failed = 0;
  console.log('');
  for (const [id, { pass, all }] of totals) {
    failed += all - pass;
    console.log(`${id}: ${pass} of ${all} pages read right`);
  }
  console.log(
    failed === 0 ? `All ${pages.length} real pages read right.` : `${failed} readings wrong: see the rows marked FAIL.`,
  );
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();

// The two real legado lists in ../shared/legado (read there at run time, never copied), imported
// as a reader would import them: how many sources come in, which, and why the others do not —
// pinned, so a change to the translator that changes what real lists yield is seen. Then the
// imported Royal Road source against the real Royal Road pages in ../shared/real-pages.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LegadoImportEntry, SourceRule } from '../../../lib/contract';
import { translateLegado } from '../../../lib/legado';
import { finishChapter, finishToc, parseBook, parseChapterPage, parseTocPage } from '../../../lib/rule-reader/parse';
import { ruleProblems } from '../../../lib/source-rules/validate-rule';

const SHARED = fileURLToPath(new URL('../../../../shared/', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(SHARED + path, 'utf8'));

/** Skipped sources per reason code (a source counts once per code it has). */
function reasonCounts(report: LegadoImportEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of report)
    for (const code of new Set(entry.reasons.map((r) => r.code))) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

describe.each([
  {
    file: 'XIU2-Yuedu-shuyuan.json',
    total: 26,
    imported: [
      'legado-deqixs-com',
      'legado-kuaishu5-com',
      'legado-cn-ttkan-co',
      'legado-dbxsd-com',
      'legado-dxmwx-org',
      'legado-shoujix-com',
      'legado-23qb-com',
      'legado-wcxsw-org',
      'legado-siluke-com',
      'legado-ddxs-com',
      'legado-m-suixkan-com',
      'legado-92xs-info',
      'legado-81zw2-com',
    ],
    reasons: {
      javascript: 12,
      template: 6,
      'json-path': 3,
      unsupported: 2,
      'regex-list': 1,
      missing: 1,
      'web-view': 1,
    },
  },
  {
    file: 'rektpartyaftermath-AllBooksource.json',
    total: 18,
    imported: [
      'legado-divinedaolibrary-com',
      'legado-libread-com',
      'legado-fanmtl-com',
      'legado-freewebnovel-com',
      'legado-novelhall-com',
      'legado-lightnovelworld-org',
      'legado-royalroad-com-0l5qf2h',
    ],
    reasons: { javascript: 8, template: 2, 'json-path': 1, variables: 1, missing: 1 },
  },
])('the shared list $file', ({ file, total, imported, reasons }) => {
  const { rules, report } = translateLegado(readJson(`legado/${file}`));

  it(`imports ${imported.length} of ${total} sources and reports every one`, () => {
    expect(report).toHaveLength(total);
    expect(rules.map((rule) => rule.id)).toEqual(imported);
    expect(report.filter((e) => e.status === 'imported').map((e) => e.id)).toEqual(imported);
    expect(report.filter((e) => e.status === 'skipped')).toHaveLength(total - imported.length);
  });

  it('says why each skipped source is skipped, field by field', () => {
    expect(reasonCounts(report)).toEqual(reasons);
    for (const entry of report.filter((e) => e.status === 'skipped')) {
      expect(entry.reasons.length, entry.name).toBeGreaterThan(0);
      for (const reason of entry.reasons) expect(reason.message.startsWith(reason.field), reason.message).toBe(true);
    }
  });

  it('gives rules that all pass the validator', () => {
    for (const rule of rules) expect(ruleProblems(rule), rule.id).toEqual([]);
  });
});

describe('the imported Royal Road source on real Royal Road pages', () => {
  const { rules } = translateLegado(readJson('legado/rektpartyaftermath-AllBooksource.json'));
  const rule = { ...rules.find((r) => r.name === 'Royalroad')!, enabled: true } as SourceRule;
  const { pages: manifest } = readJson('real-pages/manifest.json') as {
    pages: Array<{ id: string; file: string; url: string; expected: { title: string; author?: string } }>;
  };
  const page = (id: string) => {
    const entry = manifest.find((p) => p.id === id)!;
    return {
      ...entry,
      html: readFileSync(`${SHARED}real-pages/${entry.file}`, 'utf8'),
      lines: readJson(`real-pages/expected/${id}.json`),
    };
  };

  it('reads the fiction page: title, author and the whole chapter list', () => {
    const { url, html, expected, lines } = page('royalroad-fiction');
    expect(parseBook(html, url, rule)).toMatchObject({ title: expected.title, author: expected.author });
    expect(finishToc(parseTocPage(html, url, rule).chapters, rule, url)).toEqual(
      (lines as { chapters: unknown[] }).chapters,
    );
  });

  it('reads a chapter line for line, its anti-piracy line removed by the source replaceRegex', () => {
    const { url, html, lines } = page('royalroad-chapter');
    const text = finishChapter(parseChapterPage(html, url, rule, 'toc title').text, rule, url);
    expect(text.split('\n')).toEqual((lines as { lines: string[] }).lines);
  });
});

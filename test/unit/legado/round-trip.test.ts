// Export → import gives an equivalent rule: every built-in and demo source, sent out as legado JSON
// and translated back, reads from its own test pages exactly what the original reads — the book,
// every chapter of the table of contents, and the first chapter's title and text (a demo-site
// book), or everything a saved real page's manifest expects.
import { describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../lib/contract';
import { toLegado, translateLegado } from '../../../lib/legado';
import { BUILTIN_SOURCES } from '../../../lib/source-rules/builtin';
import type { SourceFile } from '../../../lib/source-rules/schema';
import { ruleProblems } from '../../../lib/source-rules/validate-rule';
import { DEMO_SOURCES } from '../../fixtures/sources';
import { realPageProblems } from '../source-rules/run-real-page-test';
import { runSourceTest } from '../source-rules/run-source-test';

const cases = ([...BUILTIN_SOURCES, ...DEMO_SOURCES] as SourceFile[]).flatMap((rule) =>
  (rule.tests ?? []).map((test, i) => ({ label: `${rule.id} #${i + 1}`, rule, test })),
);

function roundTrip(rule: SourceFile): SourceRule {
  const { tests: _tests, ...bare } = rule;
  const json = JSON.parse(JSON.stringify([toLegado(bare)])) as unknown;
  const { rules, report } = translateLegado(json);
  expect(report.map((entry) => entry.reasons)).toEqual([[]]);
  expect(ruleProblems(rules[0])).toEqual([]);
  return { ...rules[0]!, enabled: true };
}

describe('legado export → import', () => {
  it('has built-in sources with test cases to go round', () => {
    expect(cases.length).toBeGreaterThanOrEqual(DEMO_SOURCES.length);
    // Built-in rules for sites we hold no saved page of have no test case to go round.
    expect(new Set(cases.map((c) => c.rule.id)).size).toBeGreaterThan(BUILTIN_SOURCES.length / 2);
  });

  it.each(cases)('$label reads the same book, chapters and text after the round trip', async ({ rule, test }) => {
    const back = roundTrip(rule);
    if (test.realPage !== undefined) {
      expect(realPageProblems(rule, test)).toEqual([]);
      expect(realPageProblems(back, test)).toEqual([]);
      return;
    }
    const [original, again] = await Promise.all([runSourceTest(rule, test), runSourceTest(back, test)]);
    expect(again.book).toEqual(original.book);
    expect(again.chapter).toEqual(original.chapter);
  });
});

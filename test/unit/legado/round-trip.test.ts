// Export → import gives an equivalent rule: every built-in source, sent out as legado JSON and
// translated back, reads from its own test pages exactly what the original reads — the book,
// every chapter of the table of contents, and the first chapter's title and text.
import { describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../lib/contract';
import { toLegado, translateLegado } from '../../../lib/legado';
import { BUILTIN_SOURCES } from '../../../lib/sources/builtin';
import type { SourceFile } from '../../../lib/sources/schema';
import { ruleProblems } from '../../../lib/sources/validate-rule';
import { runSourceTest } from '../sources/run-source-test';

const cases = (BUILTIN_SOURCES as SourceFile[]).flatMap((rule) => (rule.tests ?? []).map((test, i) => ({ label: `${rule.id} #${i + 1}`, rule, test })));

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
    expect(cases.length).toBeGreaterThanOrEqual(BUILTIN_SOURCES.length);
  });

  it.each(cases)('$label reads the same book, chapters and text after the round trip', async ({ rule, test }) => {
    const back = roundTrip(rule);
    const [original, again] = await Promise.all([runSourceTest(rule, test), runSourceTest(back, test)]);
    expect(again.book).toEqual(original.book);
    expect(again.chapter).toEqual(original.chapter);
  });
});

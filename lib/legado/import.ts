// A legado book-source list (or one source) in, our rules and a report out: every source either
// imported, with what it leaves out, or skipped, with every reason. Nothing is guessed; every
// rule that comes out has passed the same validator as a rule written by hand.

import type { LegadoBookSource, LegadoImportEntry, SourceRuleInput } from '../contract';
import { ruleProblems } from '../source-rules/validate-rule';
import { fromOldFormat, isOldFormat } from './old-format';
import { translateSource } from './translate-source';

function isLegadoSource(item: unknown): item is LegadoBookSource {
  return (
    !!item &&
    typeof item === 'object' &&
    !Array.isArray(item) &&
    typeof (item as { bookSourceUrl?: unknown }).bookSourceUrl === 'string'
  );
}

/** legado JSON rather than ours: a source with `bookSourceUrl`, or a list whose items have one. */
export function isLegadoInput(input: unknown): boolean {
  return Array.isArray(input) ? input.length > 0 && input.some(isLegadoSource) : isLegadoSource(input);
}

export interface LegadoTranslation {
  /** The imported sources' rules, valid against our schema. */
  rules: SourceRuleInput[];
  /** One entry per source of the input, in its order. */
  report: LegadoImportEntry[];
}

function nameOf(item: unknown): string {
  const name = item && typeof item === 'object' ? (item as { bookSourceName?: unknown }).bookSourceName : undefined;
  return typeof name === 'string' && name.trim() ? name.trim() : '';
}

/** Translates a legado source list (3.x, or 2.x flat names); a non-list is a list of one. */
export function translateLegado(input: unknown): LegadoTranslation {
  const items = Array.isArray(input) ? input : [input];
  const rules: SourceRuleInput[] = [];
  const report: LegadoImportEntry[] = [];
  const taken = new Map<string, number>();
  items.forEach((item, i) => {
    const index = i + 1;
    if (!isLegadoSource(item)) {
      report.push({
        index,
        name: nameOf(item),
        url: '',
        status: 'skipped',
        reasons: [
          {
            field: 'bookSourceUrl',
            code: 'not-a-source',
            message: 'this item has no bookSourceUrl, so it is not a legado book source',
          },
        ],
        notes: [],
      });
      return;
    }
    const source = isOldFormat(item) ? fromOldFormat(item) : item;
    const entry = { index, name: nameOf(source) || source.bookSourceUrl, url: source.bookSourceUrl };
    const translated = translateSource(source);
    if (!translated.ok) {
      report.push({ ...entry, status: 'skipped', reasons: translated.reasons, notes: [] });
      return;
    }
    const { rule, notes } = translated;
    const problems = ruleProblems(rule);
    if (problems.length) {
      report.push({
        ...entry,
        status: 'skipped',
        reasons: problems.map((problem) => ({
          field: problem.split(':')[0]!,
          code: 'invalid',
          message: `the translated rule is not valid: ${problem}`,
        })),
        notes: [],
      });
      return;
    }
    const earlier = taken.get(rule.id);
    if (earlier !== undefined) {
      report.push({
        ...entry,
        status: 'skipped',
        reasons: [
          {
            field: 'bookSourceUrl',
            code: 'duplicate',
            message: `source ${earlier} of the list has the same bookSourceUrl`,
          },
        ],
        notes: [],
      });
      return;
    }
    taken.set(rule.id, index);
    rules.push(rule);
    report.push({ ...entry, status: 'imported', id: rule.id, reasons: [], notes });
  });
  return { rules, report };
}

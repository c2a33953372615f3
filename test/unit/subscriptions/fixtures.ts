// Rule-list entries for the subscription tests: rules of our format for the demo site, legado
// sources (one the demo site reads, one that needs JavaScript) and broken entries.
import { readFileSync } from 'node:fs';
import type { LegadoBookSource, SourceRuleInput } from '../../../lib/contract';
import { DEMO_SOURCES } from '../../fixtures/sources';

const demo = DEMO_SOURCES.find((rule) => rule.id === 'demo')!;

/** The demo site's rule under another id and name (without its test cases), with `change` on top. */
export function demoRule(id: string, change: Partial<SourceRuleInput> = {}): SourceRuleInput {
  const { tests: _tests, ...rule } = demo as typeof demo & { tests?: unknown };
  return { ...rule, id, name: `Subscribed ${id}`, ...change };
}

/** A rule whose chapter-list selector does not compile: the validator refuses it. */
export function brokenRule(id: string): object {
  return { ...demoRule(id), toc: { chapters: 'div[' } };
}

/** The demo site's split books, in legado's syntax. */
export const LEGADO_DEMO = (JSON.parse(readFileSync(new URL('../../fixtures/legado/demo-split.json', import.meta.url), 'utf8')) as LegadoBookSource[])[0]!;
/** Its id once imported: from its bookSourceUrl. */
export const LEGADO_DEMO_ID = 'legado-127-0-0-1';

/** A legado source whose chapter text needs JavaScript: skipped, with that reason. */
export const LEGADO_SCRIPTED: LegadoBookSource = {
  bookSourceUrl: 'https://scripted.example',
  bookSourceName: 'Scripted',
  ruleBookInfo: { name: 'tag.h1@text' },
  ruleToc: { chapterList: 'id.list@tag.a', chapterName: 'text', chapterUrl: 'href' },
  ruleContent: { content: '<js>java.ajax(baseUrl)</js>' },
};

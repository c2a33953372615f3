// A subscribed list is read entry by entry: every good entry comes out as a stored rule, every bad
// one with its reasons, whatever its neighbours are (source.import, by contrast, refuses the lot).
import { describe, expect, it } from 'vitest';
import { MAX_LIST_ENTRIES, readRuleList } from '../../../lib/subscriptions/read-list';
import { validateRule } from '../../../lib/source-rules/validate-rule';
import { brokenRule, demoRule, LEGADO_DEMO, LEGADO_DEMO_ID, LEGADO_SCRIPTED } from '../../fixtures/rule-lists';
import { appErrorOf } from '../../fixtures/app-error';

const URL_ = 'http://lists.example/rules.json';
const BUILT_IN = new Set(['generic', 'royalroad']);
const read = (list: unknown) => readRuleList(typeof list === 'string' ? list : JSON.stringify(list), URL_, BUILT_IN);

const refusal = (list: unknown) => appErrorOf(() => read(list));

describe('reading a subscribed rule list', () => {
  it('installs the good entries of a mixed list and skips each bad one with its reasons', () => {
    const entries = read([
      demoRule('one'),
      brokenRule('two'),
      LEGADO_DEMO,
      LEGADO_SCRIPTED,
      'not a source',
      demoRule('one'),
      demoRule('royalroad'),
    ]);
    expect(
      entries.map((entry) => [
        entry.index,
        entry.id,
        entry.rule ? 'good' : entry.reasons.map((reason) => `${reason.code} ${reason.field}`).join('; '),
      ]),
    ).toEqual([
      [1, 'one', 'good'],
      [2, 'two', 'invalid toc.chapters'],
      [3, LEGADO_DEMO_ID, 'good'],
      // Its id is known even though it is skipped, so a broken update never deletes what was installed.
      [4, 'legado-scripted-example', 'javascript ruleContent.content'],
      [5, undefined, 'not-a-source '],
      [6, 'one', 'duplicate id'],
      [7, 'royalroad', 'built-in id'],
    ]);
    expect(entries[1]!.reasons[0]!.message).toMatch(/^toc\.chapters: the selector "div\["/);
    expect(entries[5]!.reasons[0]!.message).toBe('entry 1 of the list has the same id "one"');
    // What comes out is the stored form, exactly what an import stores.
    expect(entries[0]!.rule).toEqual(validateRule(demoRule('one')));
    expect(entries[2]).toMatchObject({
      name: 'Demo Novels, split pages (legado)',
      rule: { id: LEGADO_DEMO_ID, enabled: true },
    });
  });

  it('takes one source as a list of one, in either format', () => {
    expect(read(demoRule('solo')).map((entry) => entry.id)).toEqual(['solo']);
    expect(read(LEGADO_DEMO).map((entry) => entry.id)).toEqual([LEGADO_DEMO_ID]);
  });

  it.each([
    ['text that is not JSON', '<html>Sources</html>', `The list at ${URL_} is not JSON (`],
    ['a JSON string', '"rules"', 'it holds a string, not a source or a list of sources'],
    ['null', 'null', 'it holds null'],
    ['an empty list', [], 'is empty: it holds no source'],
    [
      'a list too long',
      Array.from({ length: MAX_LIST_ENTRIES + 1 }, () => ({})),
      `has ${MAX_LIST_ENTRIES + 1} entries; a subscription takes at most ${MAX_LIST_ENTRIES}`,
    ],
  ])('refuses %s with invalid_source', (_name, list, message) => {
    const error = refusal(list);
    expect(error.code).toBe('invalid_source');
    expect(error.message).toContain(message);
  });
});

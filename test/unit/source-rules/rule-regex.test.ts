import { describe, expect, it } from 'vitest';
import { compileRuleRegex, RuleRegexError } from '../../../lib/source-rules/rule-regex';

/** What JavaScript's own String.replace gives, which a rule author tests against. */
function native(source: string, text: string, replacement: string, multiline = false): string {
  return text.replace(new RegExp(source, multiline ? 'gm' : 'g'), replacement);
}

const TEXTS = [
  '作者：示例作者',
  '作 者 :  白云居士',
  'Author: A. Writer',
  '\u3000\u3000第12章 月下读书（2/3）',
  '一秒记住【演示小说网】，精彩小说无弹窗免费阅读！后文',
  'a\u00a0b\tc\u2028d\u3000e\ufefff',
  'line one\nline two\r\nline three',
  '(本章完) 😀 emoji 👨‍👩‍👧 家庭',
  'price: $12.50 {x} [y] ]z[ a{,3} a{2}',
  '',
];

// Characters outside the Basic Multilingual Plane (emoji), which JavaScript patterns without the
// `u` flag see as two halves.
const ASTRAL = /[\ud800-\udfff]/;

describe('rule regexes mean what they mean in JavaScript', () => {
  it.each([
    ['^(?:作\\s*者|Author)\\s*[:：]\\s*', ''],
    ['\\s*[（(]\\d+/\\d+[)）]\\s*$', ''],
    ['一秒记住【[^】]*】，精彩小说无弹窗免费阅读！', ''],
    ['\\s+', ' '],
    ['\\S+', '<$&>'],
    ['[\\s\\S]', '.'],
    ['[^\\s]', '_'],
    ['.', '.'],
    ['\\u3000', '_'],
    ['[\\u4e00-\\u9fa5]+', '[$&]'],
    ['(\\w+):\\s*(\\S+)', '$2=$1'],
    ['(?<key>\\w+):', '$<key>;'],
    ['\\$(\\d+)', '$$$1'],
    ['\\d', '$`|'],
    ['\\d', "|$'"],
    ['x*', '-'],
    ['\\bline\\b', 'LINE'],
    ['[^]', '*'],
    ['[]', '*'],
    ['a{,3}', '!'],
    ['a{2}', '!'],
    ['\\{x\\}|\\[y\\]', '?'],
    ['[\\]\\[]', '#'],
    ['\\x41|\\u0041|\\cJ|\\0', '#'],
    ['\\😀|\\中', '#'],
    ['\\ud83d\\ude00', 'smile'],
    ['(?<=作者：).*', '某人'],
    ['(?<!\\d)\\d{2}', 'NN'],
  ])('%s', (source, replacement) => {
    for (const text of TEXTS.filter((t) => !ASTRAL.test(t))) {
      expect(compileRuleRegex(source!).replace(text, replacement!), JSON.stringify(text)).toBe(
        native(source!, text, replacement!),
      );
    }
  });

  it('same on text with emoji, for patterns that do not cut a character in half', () => {
    for (const [source, replacement] of [
      ['\\s+', ' '],
      ['(\\S+)\\s+家庭', '$1'],
      ['😀', ':)'],
      ['😀|家', '#'],
    ]) {
      for (const text of TEXTS)
        expect(compileRuleRegex(source!).replace(text, replacement!)).toBe(native(source!, text, replacement!));
    }
  });

  it('takes an emoji as one character, where JavaScript without the u flag sees two halves', () => {
    expect(compileRuleRegex('.').replace('a😀b', '.')).toBe('...');
    expect(compileRuleRegex('x*').replace('😀', '-')).toBe('-😀-');
  });

  it('takes ^ and $ at every line end when multiline, as purify does', () => {
    for (const source of ['^line', 'one$|two$', '^\\s*$']) {
      const text = 'line one\nline two\n\nend';
      expect(compileRuleRegex(source, 'm').replace(text, 'X')).toBe(native(source, text, 'X', true));
    }
  });
});

describe('the flags replacements carry (i, m, s, u) and a first match', () => {
  it.each([
    ['first', 'i', 'FIRST'],
    ['^line.', 's', '#'],
    ['.+', 's', '#'],
    ['\\u{1F600}', 'u', ':)'],
    ['\\p{Script=Han}+', 'u', '[$&]'],
    ['^LINE \\w+$', 'im', '#'],
  ])('%s with %s means what it means in JavaScript', (source, flags, replacement) => {
    // With m, RE2's ^ and $ see \n alone as a line end (the text rules read has no other).
    for (const text of [...TEXTS, 'First first FIRST', 'line one\nline two'].filter(
      (t) => !flags!.includes('m') || !/[\r\u2028\u2029]/.test(t),
    )) {
      expect(compileRuleRegex(source!, flags!).replace(text, replacement!), JSON.stringify(text)).toBe(
        text.replace(new RegExp(source!, `g${flags}`), replacement!),
      );
    }
  });

  it('reads \\p{Han} as RE2 and legado do, without the u flag', () => {
    expect(compileRuleRegex('\\p{Han}+').replace('作者：示例 Writer', '#')).toBe('#：# Writer');
    expect(compileRuleRegex('[\\p{Han}a]+').replace('a中b', '#')).toBe('#b');
  });

  it('replaces only the first match, or finds it, when asked', () => {
    const re = compileRuleRegex('(\\w)(\\d)');
    expect(re.replace('a1 b2', '$2$1', 'first')).toBe('1a b2');
    expect(re.firstMatch('xx b2 c3')).toBe('b2');
    expect(re.firstMatch('none')).toBeUndefined();
  });

  it('refuses other flags', () => {
    expect(() => compileRuleRegex('x', 'g')).toThrow(/only i, m, s and u/);
  });
});

describe('what a linear engine cannot do is refused with a sentence', () => {
  it.each([
    ['(a)\\1', /backreference or octal escape "\\1"/],
    ['(?<q>["\'])x\\k<q>', /backreference "\\k<q>"/],
    ['x(?=y)', /lookahead "\(\?=…\)"/],
    ['x(?!y)', /lookahead "\(\?!…\)"/],
    ['(?<=(a))b', /cannot run in the extension's regex engine.*capture in lookbehind/],
    ['a{1001}', /cannot run in the extension's regex engine.*repeat count/],
    ['(', /is not a valid regex: invalid regular expression/i],
    ['\\ud83d', /half of a character/],
  ])('%s', (source, why) => {
    expect(() => compileRuleRegex(source)).toThrow(RuleRegexError);
    expect(() => compileRuleRegex(source)).toThrow(why);
  });
});

describe('every rule regex runs in time linear in the text', () => {
  // Each of these takes JavaScript's backtracking engine longer than the test may run (minutes
  // to ages); a backtracking engine here would time the test out.
  it.each([
    ['\\s*\\s*\\s*\\s*x', `开${'\u3000'.repeat(400)}尾`],
    ['(?:\\s*[\\u2021-\\u202e])+z', '\u2028'.repeat(5_000)],
    ['^(a+)+$', `${'a'.repeat(40)}!`],
    ['(\\w+\\s?)*$', `${'word '.repeat(2_000)}!`],
    ['(.*,)*x', ','.repeat(10_000)],
  ])('%s', (source, text) => {
    expect(compileRuleRegex(source, 'm').replace(text, '')).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import { regexHazard } from '../../../lib/source-rules/regex-safety';

/**
 * Wall time of a failing match, in ms: the least of `runs`. A busy machine only ever adds time, so
 * the least of a few runs is the match's own cost.
 */
function timeOf(source: string, input: string, runs = 1): number {
  const re = new RegExp(source, 'gm');
  let least = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    input.replace(re, '');
    least = Math.min(least, performance.now() - start);
  }
  return least;
}

describe('regexHazard', () => {
  it.each([
    ['(a+)+', 'a+'],
    ['(a*)*', 'a*'],
    ['(.*)*', '.*'],
    ['(\\w+\\s?)*$', '\\w+'],
    ['^(?:[a-z]+\\d*)+$', '[a-z]+'],
    ['(-{3,}\\s*)+x', '-{3,}'],
    ['(a{1,3})*b', 'a{1,3}'],
    ['(.*,)*x', '.*'],
    ['(x+x+)+y', 'x+'],
    ['((a+)b?)*c', 'a+'],
    ['(?:[\\u4e00-\\u9fa5]+\\u4e00)+', '[\\u4e00-\\u9fa5]+'],
  ])('refuses the nested repetition %s, naming %s', (source, inner) => {
    const why = regexHazard(source, 'gm');
    expect(why).toContain(`"${inner}" is repeated inside`);
  });

  it.each([
    ['(a|a)*', '"a" and "a"'],
    ['(\\w|\\d)+$', '"\\w" and "\\d"'],
    ['(?:a|ab)*c', '"a" and "ab"'],
    ['(?:(x|x)y)*z', '"x" and "x"'],
    ['(?:\\s|\\u3000)+x', '"\\s" and "\\u3000"'],
  ])('refuses the overlapping alternatives in %s', (source, pair) => {
    expect(regexHazard(source, 'gm')).toContain(`alternatives ${pair}`);
  });

  it.each([
    '一秒记住.*?最快更新！?',
    '\\(本章完\\)',
    '^\\s*请收藏本站.*$',
    '一秒记住【[^】]*】，精彩小说无弹窗免费阅读！',
    '(?:\\s*<br\\s*/?>\\s*)+',
    '(\\d+,)*\\d+',
    '(?:https?:\\/\\/)+',
    '(?:\\s|&nbsp;)+',
    '(?:ab|ac)*',
    '(?:\\d{4})*',
    '(?:[^<]+<)+',
    '(?:(a|b)+c)*',
    '(?:\\d+\\.){3}\\d+',
    '[(]+[)]+',
    '(a)\\1+',
    '(?<q>["\'])[^"\']*\\k<q>',
    'a{2,}b{1,3}',
    '[{}]+',
    'x{',
  ])('accepts %s', (source) => {
    expect(regexHazard(source, 'gm')).toBeUndefined();
  });

  it('refuses a pattern that really blows up, and accepts its rewrite', () => {
    // The same input is fast for a safe rewrite and slow for the refused form (2^21 ways to split
    // the a's). Only a lower bound on the slow one: a stall can make it slower, never faster.
    const input = `${'a'.repeat(21)}!`;
    expect(regexHazard('^(a+)+$', 'gm')).toBeDefined();
    expect(timeOf('^(a+)+$', input)).toBeGreaterThan(5 * timeOf('^a+$', input, 5) + 5);
    expect(regexHazard('^a+$', 'gm')).toBeUndefined();
  });

  it('understands classes, escapes and lookarounds without tripping over them', () => {
    expect(regexHazard('[\\]]+(?=x)', 'g')).toBeUndefined();
    expect(regexHazard('(?<=\\()[^)]+(?=\\))', 'g')).toBeUndefined();
    expect(regexHazard('(?!(a+)+)b', 'g')).toContain('"a+" is repeated inside');
    expect(regexHazard('\\u4e00+', 'g')).toBeUndefined();
  });
});

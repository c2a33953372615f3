// The label a made rule takes off a title or an author is a rule regex like any other: it runs in
// the linear-time engine (lib/source-rules/rule-regex.ts), so it must be written in what that
// engine takes, whatever characters the page's label holds.
import { describe, expect, it } from 'vitest';
import { fieldSelector, labelRegex } from '../../../lib/rule-builder/fields';
import { loadPage, readText } from '../../../lib/rule-reader/read';
import { selectorProblem } from '../../../lib/source-rules/schema';

const URL = 'https://novels.example/book/7/';

describe("the label regex of a made rule's title or author", () => {
  it.each([
    ['作者：Wen Shu', 'Wen Shu'],
    ['Author: A. Writer', 'A. Writer'],
    ['(作者)：Wen Shu', 'Wen Shu'],
    ['[Auteur]: Nom', 'Nom'],
    ['a.u.t.h.or: Nom', 'Nom'],
    ['$au^th|or*: Nom', 'Nom'],
    ['{by}+?: Nom', 'Nom'],
    ['w/r\\iter: Nom', 'Nom'],
    ['#1-by: Nom', 'Nom'],
  ])('takes "%s" apart in the linear-time engine', (value, name) => {
    const selector = fieldSelector('author', 'p.byline', value);
    // Compiled as an import compiles it: the rule reader's selector parser and RE2.
    expect(selectorProblem(selector)).toBeUndefined();
    const page = loadPage(
      `<html><body><p class="byline">${value.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p></body></html>`,
      URL,
    );
    expect(readText(page, null, selector)).toBe(name);
  });

  it('is left out when the value starts with no label', () => {
    expect(labelRegex('Wen Shu')).toBe('');
    expect(fieldSelector('title', 'h1', 'The Lighthouse')).toBe('h1');
  });
});

import { describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../lib/contract';
import { findSource, isValidMatchPattern, matchesPattern } from '../../../lib/source-rules/match-pattern';

describe('matchesPattern', () => {
  it('matches any port when the pattern names none', () => {
    expect(matchesPattern('http://127.0.0.1/book/*', 'http://127.0.0.1/book/1')).toBe(true);
    expect(matchesPattern('http://127.0.0.1/book/*', 'http://127.0.0.1:8123/book/1')).toBe(true);
  });

  it('matches only the named port when the pattern names one', () => {
    expect(matchesPattern('http://localhost:8080/*', 'http://localhost:8080/a')).toBe(true);
    expect(matchesPattern('http://localhost:8080/*', 'http://localhost:9090/a')).toBe(false);
    expect(matchesPattern('http://localhost:80/*', 'http://localhost/a')).toBe(true);
    expect(matchesPattern('http://localhost:*/*', 'http://localhost:1234/a')).toBe(true);
  });

  it('rejects another scheme, host or path', () => {
    expect(matchesPattern('http://127.0.0.1/book/*', 'https://127.0.0.1/book/1')).toBe(false);
    expect(matchesPattern('http://127.0.0.1/book/*', 'http://127.0.0.2/book/1')).toBe(false);
    expect(matchesPattern('http://127.0.0.1/book/*', 'http://127.0.0.1/other/1')).toBe(false);
  });

  it('lets scheme * mean http and https only', () => {
    expect(matchesPattern('*://example.com/*', 'http://example.com/')).toBe(true);
    expect(matchesPattern('*://example.com/*', 'https://example.com/x')).toBe(true);
    expect(matchesPattern('*://example.com/*', 'ftp://example.com/x')).toBe(false);
  });

  it('matches *.host on the host and its subdomains, not look-alikes', () => {
    const p = 'https://*.example.com/*';
    expect(matchesPattern(p, 'https://example.com/')).toBe(true);
    expect(matchesPattern(p, 'https://www.EXAMPLE.com/book')).toBe(true);
    expect(matchesPattern(p, 'https://a.b.example.com/book')).toBe(true);
    expect(matchesPattern(p, 'https://badexample.com/')).toBe(false);
    expect(matchesPattern(p, 'https://example.com.evil.net/')).toBe(false);
  });

  it('matches any host with *', () => {
    expect(matchesPattern('*://*/*', 'https://www.biquge.test/1/')).toBe(true);
    expect(matchesPattern('*://*/*', 'file:///etc/passwd')).toBe(false);
  });

  it('globs the path and query', () => {
    const p = 'https://a.com/book/*/index.html';
    expect(matchesPattern(p, 'https://a.com/book/12/index.html')).toBe(true);
    expect(matchesPattern(p, 'https://a.com/book/12/1.html')).toBe(false);
    expect(matchesPattern('https://a.com/book.php?id=*', 'https://a.com/book.php?id=3')).toBe(true);
    expect(matchesPattern('https://a.com/book.php?id=*', 'https://a.com/book.php')).toBe(false);
    expect(matchesPattern('https://a.com/a.b', 'https://a.com/aXb')).toBe(false);
  });

  it('matches <all_urls> on web URLs only', () => {
    expect(matchesPattern('<all_urls>', 'https://x.org/')).toBe(true);
    expect(matchesPattern('<all_urls>', 'chrome://extensions/')).toBe(false);
  });

  it('is false for invalid patterns and URLs', () => {
    expect(matchesPattern('http://a.com', 'http://a.com/')).toBe(false);
    expect(matchesPattern('http://a.com/*', 'not a url')).toBe(false);
  });
});

describe('isValidMatchPattern', () => {
  it.each([
    '<all_urls>',
    '*://*/*',
    'http://127.0.0.1/book/*',
    'https://*.a.com/x',
    'http://[::1]:8080/*',
    'file:///tmp/*',
  ])('accepts %s', (p) => expect(isValidMatchPattern(p)).toBe(true));
  it.each([
    '',
    'http://a.com',
    'http://*foo.com/*',
    'http://a.*.com/*',
    'chrome://x/*',
    'http:///x',
    'http://a.com:abc/*',
    'a.com/*',
  ])('rejects %j', (p) => expect(isValidMatchPattern(p)).toBe(false));
});

describe('findSource', () => {
  const rule = (id: string, matches: string[], enabled = true): SourceRule => ({
    id,
    name: id,
    enabled,
    matches,
    book: { title: 'h1' },
    toc: { chapters: 'a' },
    chapter: { content: '#content' },
  });
  const sources = [
    rule('off', ['*://*.novel.test/*'], false),
    rule('other', ['https://other.test/*']),
    rule('first', ['https://nothing.test/*', '*://*.novel.test/book/*']),
    rule('second', ['*://*.novel.test/*']),
  ];

  it('returns the first enabled source with any matching pattern', () => {
    expect(findSource(sources, 'https://www.novel.test/book/9')?.id).toBe('first');
    expect(findSource(sources, 'https://www.novel.test/list')?.id).toBe('second');
  });

  it('returns undefined when nothing matches', () => {
    expect(findSource(sources, 'https://unknown.test/book/9')).toBeUndefined();
    expect(findSource([sources[0]!], 'https://www.novel.test/book/9')).toBeUndefined();
  });
});

describe('path globs from imported rules', () => {
  it('match like the glob they are, on random globs and paths', () => {
    // A small alphabet makes near misses common; the regex is the glob's plain meaning.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const word = (chars: string, length: number) => Array.from({ length }, () => chars[random(chars.length)]).join('');
    for (let i = 0; i < 3_000; i++) {
      const glob = `/${word('ab*', random(8))}`;
      const path = `/${word('ab', random(10))}`;
      const meaning = new RegExp(`^${glob.split('*').join('.*')}$`);
      expect(matchesPattern(`http://h.test${glob}`, `http://h.test${path}`), `${glob} on ${path}`).toBe(
        meaning.test(path),
      );
    }
  });

  it('take time linear in the URL: a glob that backtracks in a RegExp answers at once', () => {
    // As a RegExp this pattern takes seconds on 60 characters and ages on 5,000; a backtracking
    // matcher here would time the test out.
    const pattern = `http://127.0.0.1/*${'a*'.repeat(30)}b`;
    expect(isValidMatchPattern(pattern)).toBe(true);
    for (const length of [60, 5_000, 100_000]) {
      expect(matchesPattern(pattern, `http://127.0.0.1/${'a'.repeat(length)}`)).toBe(false);
      expect(matchesPattern(pattern, `http://127.0.0.1/${'a'.repeat(length)}b`)).toBe(true);
    }
  });

  it('refuses a pattern longer than 2,000 characters', () => {
    expect(isValidMatchPattern(`https://a.com/${'x'.repeat(1_990)}`)).toBe(false);
    expect(isValidMatchPattern(`https://a.com/${'x'.repeat(1_900)}`)).toBe(true);
  });
});

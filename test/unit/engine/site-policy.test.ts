import { describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../lib/contract';
import { genericRule } from '../../../lib/generic-reader/rule';
import { offSiteLink, offSiteRedirect, onBookSite, siteOf } from '../../../lib/task/site-policy';

const rule = (matches: string[]): SourceRule => ({
  id: 'mine',
  name: 'Mine',
  enabled: true,
  matches,
  book: { title: 'h1' },
  toc: { chapters: 'a' },
  chapter: { content: 'p' },
});

describe('the site of an address', () => {
  it('is its registrable domain, so m. and www. of one site are one site', () => {
    expect(siteOf('https://m.biquge.com/book/1/')).toBe('biquge.com');
    expect(siteOf('https://www.biquge.com/book/1/')).toBe('biquge.com');
    expect(siteOf('http://read.novels.co.uk:8080/x')).toBe('novels.co.uk');
  });

  it('keeps two blogs on one hosting domain apart (private public suffixes)', () => {
    expect(siteOf('https://alice.blogspot.com/')).toBe('alice.blogspot.com');
    expect(siteOf('https://alice.github.io/novel/')).toBe('alice.github.io');
  });

  it('is the host itself for addresses without a domain', () => {
    expect(siteOf('http://127.0.0.1:8123/book/')).toBe('127.0.0.1');
    expect(siteOf('http://localhost:8123/book/')).toBe('localhost');
    expect(siteOf('http://[::1]:8123/book/')).toBe('[::1]');
  });
});

describe('where a book may lead', () => {
  const book = 'https://www.novels.example/book/1/';

  it("anywhere on the book's site, whatever the scheme, port or subdomain", () => {
    for (const url of [
      'https://m.novels.example/1.html',
      'http://novels.example:8080/toc',
      'https://cdn.www.novels.example/x',
    ]) {
      expect(onBookSite(url, book, genericRule)).toBe(true);
      expect(onBookSite(url, book, rule([]))).toBe(true);
    }
  });

  it("elsewhere only where a source's own matches say it reads", () => {
    const mirror = 'https://mirror.example/book/1/2.html';
    expect(onBookSite(mirror, book, rule(['https://mirror.example/book/*']))).toBe(true);
    expect(onBookSite(mirror, book, rule(['https://mirror.example/other/*']))).toBe(false);
    // The generic reader "matches" every address, which says nothing about where a book is.
    expect(onBookSite(mirror, book, genericRule)).toBe(false);
  });

  it("refuses with a sentence naming the address, the book's site and the way out", () => {
    expect(offSiteLink('https://bank.example/account', book, rule([]))).toBe(
      'https://bank.example/account is on another site than the book (novels.example), so it was not opened: the extension sends your cookies to every site it opens. The source "mine" follows links only within the book\'s site and its own "matches"; add the other site there to follow them.',
    );
    expect(offSiteRedirect('https://www.novels.example/2.html', 'https://evil.example/', book, genericRule)).toMatch(
      /^https:\/\/www\.novels\.example\/2\.html redirected to https:\/\/evil\.example\/, another site than the book \(novels\.example\), so its answer was not used\. The generic reader follows links only within the site a book is on/,
    );
    expect(
      offSiteRedirect('http://www.novels.example/2.html', 'https://novels.example/2.html', book, genericRule),
    ).toBeUndefined();
  });
});

// The popup's confirmation of a page the generic reader doubts, as plain functions.
import { describe, expect, it } from 'vitest';
import type { PageInfo, PageReading } from '../../../lib/contract';
import { doubtfulReading, listFrom, reversed, shownEnds, tocField } from '../../../lib/ui/confirm-book';

const reading: PageReading = {
  confidence: 0.5,
  doubts: ['order-conflict'],
  first: '第1章',
  last: '第12章',
  order: 'asc',
};
const toc = (r: PageReading): PageInfo => ({
  kind: 'toc',
  url: 'https://x.example/b/',
  sourceId: 'generic',
  title: 'T',
  chapters: 12,
  reading: r,
});

describe('confirming a doubtful page', () => {
  it('is needed below the threshold only, and never for a page a source reads', () => {
    expect(doubtfulReading(toc(reading))).toBe(reading);
    expect(doubtfulReading(toc({ ...reading, confidence: 0.9, doubts: [] }))).toBeUndefined();
    expect(doubtfulReading({ kind: 'book', url: 'u', sourceId: 'demo', title: 'T', chapters: 12 })).toBeUndefined();
    expect(doubtfulReading({ kind: 'none', url: 'u' })).toBeUndefined();
    expect(doubtfulReading(null)).toBeUndefined();
  });

  it('shows the ends swapped once the order is reversed, and back again', () => {
    const once = reversed(reading, {});
    expect(once).toEqual({ order: 'desc' });
    expect(shownEnds(reading, once)).toEqual({ first: '第12章', last: '第1章' });
    const twice = reversed(reading, once);
    expect(shownEnds(reading, twice)).toEqual({ first: '第1章', last: '第12章' });
    // A list the reader already turned around is taken in the page's order when reversed.
    expect(reversed({ ...reading, order: 'desc' }, {})).toEqual({ order: 'asc' });
  });

  it('says where the list is read from: the chosen page, or where the reader would go; not this page', () => {
    const page = toc({ ...reading, tocUrl: 'https://x.example/list/' });
    expect(listFrom(page, {})).toBe('https://x.example/list/');
    expect(listFrom(page, { url: 'https://x.example/b/' })).toBeUndefined();
    expect(listFrom(page, { url: 'https://x.example/other/' })).toBe('https://x.example/other/');
  });

  it('sends only what the user changed', () => {
    expect(tocField({})).toBeUndefined();
    expect(tocField({ order: 'desc' })).toEqual({ order: 'desc' });
    expect(tocField({ url: 'https://x.example/b/', order: 'asc' })).toEqual({
      url: 'https://x.example/b/',
      order: 'asc',
    });
  });
});

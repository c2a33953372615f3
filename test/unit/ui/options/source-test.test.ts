import { describe, expect, it } from 'vitest';
import '../english';
import type { SourceRule, SourceTestReport } from '../../../../lib/contract';
import { testReportRows } from '../../../../lib/ui/options/source-test';

const rule: SourceRule = {
  id: 'demo',
  name: 'Demo',
  enabled: true,
  matches: ['http://127.0.0.1/book/*'],
  book: { title: '#info h1', author: '#info p', intro: '#intro' },
  toc: { chapters: '#list dd a' },
  chapter: { title: 'h1', content: '#content' },
};

const report: SourceTestReport = {
  sourceId: 'demo',
  book: { title: 'Book', author: '', intro: 'x'.repeat(400) },
  chapters: 12,
  firstChapters: [{ title: 'One', url: 'http://127.0.0.1/book/1/1.html' }],
  firstChapter: { title: 'One', url: 'http://127.0.0.1/book/1/1.html', text: 'Text', length: 4 },
};

describe('testReportRows', () => {
  it('pairs each selector with what it found, marking misses', () => {
    const rows = testReportRows(report, rule);
    expect(rows.map((r) => [r.key, r.selector, r.missing])).toEqual([
      ['title', '#info h1', false],
      ['author', '#info p', true],
      ['intro', '#intro', false],
      ['chapters', '#list dd a', false],
      ['chapterTitle', 'h1', false],
      ['content', '#content', false],
    ]);
    expect(rows.find((r) => r.key === 'author')?.found).toBe('nothing found');
    expect(rows.find((r) => r.key === 'chapters')?.found).toBe('12 chapters');
    expect(rows.find((r) => r.key === 'content')?.found).toBe('4 characters');
    expect(rows.find((r) => r.key === 'intro')?.found).toHaveLength(300);
  });

  it('shows the cover only when asked for or found, and works without the rule', () => {
    expect(testReportRows(report, rule).some((r) => r.key === 'cover')).toBe(false);
    const rows = testReportRows({ ...report, book: { ...report.book, cover: 'http://x/c.png' } }, undefined);
    expect(rows.find((r) => r.key === 'cover')).toMatchObject({
      selector: undefined,
      found: 'http://x/c.png',
      missing: false,
    });
  });
});

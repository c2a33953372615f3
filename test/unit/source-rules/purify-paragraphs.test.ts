import { describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../lib/contract';
import { parseChapterPage } from '../../../lib/rule-reader';

const rule = (purify: string[]): SourceRule => ({
  id: 'p',
  name: 'P',
  enabled: true,
  matches: ['https://p.example/*'],
  book: { title: 'h1' },
  toc: { chapters: 'a' },
  chapter: { content: '#content', purify },
});

// Purify regexes run on one paragraph at a time: the input a slow pattern sees is bounded by the
// longest paragraph, and no pattern can eat a paragraph break.
describe('purify, paragraph by paragraph', () => {
  const html = '<div id="content">第一段。<br>广告：本站网址<br>第二段。</div>';

  it('never joins the paragraphs around what it removes', () => {
    expect(parseChapterPage(html, 'https://p.example/1.html', rule(['\\s*广告：.*\\s*']), 't').text).toBe(
      '第一段。\n第二段。',
    );
  });

  it('still anchors ^ and $ at paragraph edges', () => {
    expect(parseChapterPage(html, 'https://p.example/1.html', rule(['^广告.*$', '^第二']), 't').text).toBe(
      '第一段。\n段。',
    );
  });
});

import { load } from 'cheerio/slim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageInfo, SourceRule } from '../../../lib/contract';
import { detectPage } from '../../../lib/detect';
import { CONFIRM_BELOW } from '../../../lib/detect/limits';
import { genericRule, withGeneric } from '../../../lib/generic-reader';
import { decodeHtml } from '../../../lib/net/charset';
import { BUILTIN_SOURCES } from '../../../lib/source-rules/builtin';
import { genericFixture, type FixtureName } from '../../fixtures/generic';
import { startDemoSite, type DemoSite } from '../../fixtures/site';
import { DEMO_SOURCES } from '../../fixtures/sources';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(async () => {
  await site.close();
});

// The built-in sources with the demo site's, as the harnesses install them.
const sources = withGeneric([...BUILTIN_SOURCES, ...DEMO_SOURCES]);
const without = (id: string) => sources.map((s): SourceRule => (s.id === id ? { ...s, enabled: false } : s));

async function html(path: string): Promise<string> {
  const response = await fetch(site.origin + path);
  return decodeHtml(new Uint8Array(await response.arrayBuffer()), {
    contentType: response.headers.get('content-type'),
  });
}

async function detectDemo(path: string, list: readonly SourceRule[] = sources): Promise<PageInfo> {
  return detectPage(await html(path), site.origin + path, list);
}

function detectFixture(name: FixtureName, list: readonly SourceRule[] = sources): PageInfo {
  const { html, url } = genericFixture(name);
  return detectPage(html, url, list);
}

describe('detectPage on the demo site', () => {
  it('reads a book page of an enabled source with its rule', async () => {
    expect(await detectDemo('/book/1/')).toEqual({
      kind: 'book',
      url: `${site.origin}/book/1/`,
      sourceId: 'demo',
      title: '演示之书',
      author: '示例作者',
      chapters: 12,
    });
    expect(await detectDemo('/book/en/')).toMatchObject({
      kind: 'book',
      sourceId: 'demo',
      title: 'The Demo Voyage',
      chapters: 6,
    });
  });

  it('sees a table of contents when the source is disabled, if the list is long enough', async () => {
    expect(await detectDemo('/book/1/', without('demo'))).toEqual({
      kind: 'toc',
      url: `${site.origin}/book/1/`,
      sourceId: 'generic',
      title: '演示之书',
      author: '示例作者',
      chapters: 12,
      reading: { confidence: 1, doubts: [], first: '第1章 月下读书', last: '第12章 书院来客', order: 'asc' },
    });
    expect(await detectDemo('/book/gen-500/', without('demo'))).toMatchObject({ kind: 'toc', chapters: 500 });
    // Six chapters are too few to call an unknown page a table of contents.
    expect((await detectDemo('/book/en/', without('demo'))).kind).toBe('none');
  });

  it('sees nothing on the index, a chapter page, or anywhere once both readers are off', async () => {
    expect((await detectDemo('/')).kind).toBe('none');
    expect((await detectDemo('/book/1/3.html')).kind).toBe('none');
    expect((await detectDemo('/book/1/3.html', without('demo'))).kind).toBe('none');
    const off = without('demo').map((s) => (s.id === 'generic' ? { ...s, enabled: false } : s));
    expect((await detectDemo('/book/1/', off)).kind).toBe('none');
  });

  it("carries the generic reader's doubts about a page no source knows", async () => {
    const mist = await detectDemo('/odd/mist/');
    expect(mist).toMatchObject({
      kind: 'toc',
      sourceId: 'generic',
      title: '雾中之城',
      chapters: 12,
      reading: { doubts: ['order-conflict'], order: 'asc' },
    });
    expect(mist.kind !== 'none' && mist.reading!.confidence).toBeLessThan(CONFIRM_BELOW);
  });

  it('sees a book page whose whole list is elsewhere, with the link to it', async () => {
    expect(await detectDemo('/odd/latest/')).toMatchObject({
      kind: 'book',
      sourceId: 'generic',
      title: '江上行舟',
      chapters: 0,
      reading: { doubts: ['latest-only'], tocUrl: `${site.origin}/odd/latest/list/` },
    });
    const declared =
      '<html><head><meta property="og:novel:book_name" content="剑歌"><meta property="og:novel:read_url" content="https://novel.example/read/7"></head><body><h1>剑歌</h1></body></html>';
    expect(detectPage(declared, 'https://novel.example/book/7', sources)).toMatchObject({
      kind: 'book',
      title: '剑歌',
      chapters: 0,
      reading: { tocUrl: 'https://novel.example/read/7' },
    });
  });

  it('accepts a parsed document as well as HTML', async () => {
    const markup = await html('/book/1/');
    expect(detectPage(load(markup), `${site.origin}/book/1/`, sources)).toMatchObject({ kind: 'book', chapters: 12 });
    expect(detectPage(load(markup), `${site.origin}/book/1/`, without('demo'))).toMatchObject({
      kind: 'toc',
      chapters: 12,
    });
  });
});

describe('detectPage on unknown sites', () => {
  it('finds the table of contents of unknown sites', () => {
    expect(detectFixture('toc-zh.html')).toEqual({
      kind: 'toc',
      url: 'https://www.moxiang.example/book/42/',
      sourceId: 'generic',
      title: '山河旧梦',
      author: '柳青云',
      chapters: 30,
      reading: { confidence: 1, doubts: [], first: '序章 山雨欲来', last: '第29章 山河无恙', order: 'asc' },
    });
    expect(detectFixture('toc-en.html')).toMatchObject({
      kind: 'toc',
      title: 'The Lantern Keeper',
      author: 'Ada Merriweather',
      chapters: 30,
    });
    // The generic reader is on unless the list says it is off, even when it is not in the list.
    expect(detectFixture('toc-zh.html', BUILTIN_SOURCES)).toMatchObject({ kind: 'toc', chapters: 30 });
    expect(detectFixture('toc-zh.html', [{ ...genericRule, enabled: false }])).toMatchObject({ kind: 'none' });
  });

  it.each(['chapter-zh.html', 'chapter-en.html', 'blog.html'] as const)('sees nothing on %s', (name) => {
    expect(detectFixture(name)).toEqual({ kind: 'none', url: genericFixture(name).url });
  });

  it('sees nothing on pages that are not http(s)', () => {
    expect(detectPage(genericFixture('toc-zh.html').html, 'file:///home/me/toc.html', sources).kind).toBe('none');
  });
});

// source.import, source.remove and source.test through the service, as the options page sends them.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AD_LINE, bookInfo, chapterParagraphs, chapterTitle, startDemoSite, type DemoSite } from '../../fixtures/site';
import { startService } from '../engine/service-harness';

const rule = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Site ${id}`,
  matches: [`https://${id}.example/book/*`],
  book: { title: 'h1' },
  toc: { chapters: '#list a' },
  chapter: { content: '#content' },
  ...extra,
});

type Service = Awaited<ReturnType<typeof startService>>;

async function sourceIds({ call }: Service): Promise<string[]> {
  return (await call({ type: 'source.list' })).sources.map((s) => s.id);
}

describe('source.import', () => {
  it('stores valid rules, and lists them as not built in', async () => {
    const { send, call } = await startService();
    const answer = await send({ type: 'source.import', sources: [rule('one'), rule('two', { enabled: false })] });
    expect(answer).toEqual({ ok: true, imported: ['one', 'two'] });
    const { sources } = await call({ type: 'source.list' });
    expect(sources.find((s) => s.id === 'one')).toMatchObject({ builtIn: false, enabled: true });
    expect(sources.find((s) => s.id === 'two')).toMatchObject({ builtIn: false, enabled: false });
  });

  it.each([
    [
      'one bad rule in a list',
      [rule('good'), rule('bad', { toc: { chapters: 'div[' } })],
      'The source "bad" is not valid: toc.chapters: the selector "div["',
    ],
    [
      'an unknown top-level key',
      rule('typo', { chapters: '#list a' }),
      'chapters: unknown field (did you mean "toc.chapters"?)',
    ],
    [
      'a purify regex with a backreference',
      rule('slow', { chapter: { content: '#c', purify: ['(\\w)\\1'] } }),
      'chapter.purify[0]: uses a backreference or octal escape "\\1"',
    ],
    ['a built-in id', rule('royalroad'), 'belongs to a built-in source'],
    ['the same id twice', [rule('twin'), rule('twin')], 'appears twice'],
    ['an empty list', [], 'the list is empty'],
    ['no object at all', 'not a rule', 'The source is not valid: expected an object.'],
  ])('refuses %s with invalid_source and stores nothing', async (_name, sources, message) => {
    const service = await startService();
    const before = await sourceIds(service);
    const error = await service.refusal({ type: 'source.import', sources });
    expect(error.code).toBe('invalid_source');
    expect(error.message).toContain(message);
    expect(await sourceIds(service)).toEqual(before);
  });

  it('accepts a rule carrying its own test cases, as the built-in files do', async () => {
    const { send } = await startService();
    const royalroad = JSON.parse(readFileSync(new URL('../../../sources/royalroad.json', import.meta.url), 'utf8'));
    const answer = await send({ type: 'source.import', sources: { ...royalroad, id: 'my-royalroad', name: 'Copy' } });
    expect(answer).toEqual({ ok: true, imported: ['my-royalroad'] });
  });
});

describe('source.remove', () => {
  it('deletes an imported source with its enabled state', async () => {
    const service = await startService();
    const { send, call } = service;
    await call({ type: 'source.import', sources: rule('gone') });
    await call({ type: 'source.setEnabled', sourceId: 'gone', enabled: false });
    expect(await send({ type: 'source.remove', sourceId: 'gone' })).toEqual({ ok: true });
    expect(await sourceIds(service)).not.toContain('gone');
    // Imported again, it starts afresh rather than inheriting the old switch.
    await call({ type: 'source.import', sources: rule('gone') });
    expect((await call({ type: 'source.list' })).sources.find((s) => s.id === 'gone')?.enabled).toBe(true);
  });

  it('refuses built-in sources and unknown ids with a sentence', async () => {
    const service = await startService();
    const { refusal } = service;
    const builtIn = await refusal({ type: 'source.remove', sourceId: 'generic' });
    expect(builtIn.code).toBe('invalid_source');
    expect(builtIn.message).toContain('is built in and cannot be removed');
    expect(await sourceIds(service)).toContain('generic');
    const unknown = await refusal({ type: 'source.remove', sourceId: 'never-imported' });
    expect(unknown.code).toBe('unknown_source');
    expect(unknown.message).toContain('"never-imported"');
    expect((await refusal({ type: 'source.remove' })).code).toBe('unknown_source');
  });
});

describe('source.test against the demo site', () => {
  let site: DemoSite;
  beforeAll(async () => {
    site = await startDemoSite();
  });
  afterAll(async () => {
    await site.close();
  });

  const fast = { settings: { maxAttempts: 1, requestTimeoutMs: 5_000 } };

  it('reads the book, the table of contents and the first chapter with the matching source, storing nothing', async () => {
    const { call } = await startService(fast);
    const book = bookInfo('1');
    const answer = await call({ type: 'source.test', url: `${site.origin}/book/1/` });
    expect(answer.sourceId).toBe('demo');
    expect(answer.book).toMatchObject({
      title: book.title,
      author: book.author,
      intro: book.intro,
      cover: `${site.origin}/cover/1.png`,
    });
    expect(answer.chapters).toBe(book.chapterCount);
    expect(answer.firstChapters).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ title: chapterTitle('1', n), url: `${site.origin}/book/1/${n}.html` })),
    );
    expect(answer.firstChapter.title).toBe(chapterTitle('1', 1));
    expect(answer.firstChapter.text).toBe(chapterParagraphs('1', 1).join('\n'));
    expect(answer.firstChapter.text).not.toContain(AD_LINE);
    expect((await call({ type: 'task.list' })).tasks).toEqual([]);
    // Book page and first chapter only: the table of contents is on the book page.
    expect(site.hits('/book/1/')).toBe(2);
  });

  it('tests a named source even when it is disabled, and an unsaved rule without storing it', async () => {
    const service = await startService(fast);
    const { call } = service;
    await call({ type: 'source.setEnabled', sourceId: 'demo', enabled: false });
    const named = await call({ type: 'source.test', url: `${site.origin}/book/3/`, sourceId: 'demo' });
    expect(named).toMatchObject({ sourceId: 'demo', chapters: 5, book: { title: '江边小镇' } });

    const before = await sourceIds(service);
    const draft = rule('draft', {
      matches: ['https://elsewhere.example/*'],
      book: { title: '#info h1' },
      toc: { chapters: '#list dd a', order: 'desc' },
      chapter: { content: '#content p' },
    });
    const unsaved = await call({
      type: 'source.test',
      url: `${site.origin}/book/en/`,
      rule: { ...draft, enabled: true },
    });
    expect(unsaved).toMatchObject({ sourceId: 'draft', chapters: 6, book: { title: 'The Demo Voyage', author: '' } });
    expect(unsaved.firstChapters[0]?.title).toBe(chapterTitle('en', 6));
    expect(await sourceIds(service)).toEqual(before);
  });

  it.each([
    ['a URL that is not http(s)', { url: 'ftp://127.0.0.1/book/1/' }, 'invalid_url'],
    ['no URL', { url: undefined }, 'invalid_url'],
    ['an unknown source id', { sourceId: 'nope' }, 'unknown_source'],
    ['an invalid unsaved rule', { rule: rule('broken', { toc: {} }) }, 'invalid_source'],
  ])('refuses %s', async (_name, fields, code) => {
    const { refusal } = await startService(fast);
    expect((await refusal({ type: 'source.test', url: `${site.origin}/book/1/`, ...fields })).code).toBe(code);
  });

  it("answers the reader's errors with their codes", async () => {
    const { refusal } = await startService(fast);
    expect((await refusal({ type: 'source.test', url: `${site.origin}/book/404/`, sourceId: 'demo' })).code).toBe(
      'http_status',
    );

    const noContent = rule('wrong', {
      book: { title: '#info h1' },
      toc: { chapters: '#list dd a' },
      chapter: { content: '#no-such-thing' },
    });
    const parse = await refusal({ type: 'source.test', url: `${site.origin}/book/1/`, rule: noContent });
    expect(parse.code).toBe('parse');
    expect(parse.message).toContain('"#no-such-thing"');

    const noToc = rule('wrong', { book: { title: '#info h1' }, toc: { chapters: 'ul.nothing a' } });
    expect((await refusal({ type: 'source.test', url: `${site.origin}/book/1/`, rule: noToc })).code).toBe('parse');

    const closed = await startDemoSite();
    const deadOrigin = closed.origin;
    await closed.close();
    expect((await refusal({ type: 'source.test', url: `${deadOrigin}/book/1/`, sourceId: 'demo' })).code).toBe(
      'network',
    );
  });
});

describe('source.test over pages served by a stand-in fetch', () => {
  /** A fetch that answers the given pages, as the site would, and 404 for any other. */
  const pagesFetch = (pages: Record<string, string>): typeof fetch =>
    (async (input: RequestInfo | URL) => {
      const body = pages[String(input instanceof Request ? input.url : input)];
      if (body === undefined) return new Response('not found', { status: 404 });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    }) as typeof fetch;

  it('follows tocUrl and toc.next, puts a newest-first list in reading order', async () => {
    const base = 'https://lamp.example/novel/glass';
    const list = (from: number, to: number, next?: string) =>
      `<ul class="chapters">${Array.from({ length: from - to + 1 }, (_, i) => from - i)
        .map((n) => `<li><a href="${base}/chapter-${n}">Chapter ${n}: Part ${n}</a></li>`)
        .join('')}</ul>${next ? `<a rel="next" href="${next}">Next</a>` : ''}`;
    const pages = {
      [base]:
        '<h1>The Glass Lamp</h1><p class="author"><a>Wren Hall</a></p><a class="all" href="/novel/glass/chapters">All chapters</a>',
      [`${base}/chapters`]: list(30, 21, '?page=2'),
      [`${base}/chapters?page=2`]: list(20, 11, '?page=3'),
      [`${base}/chapters?page=3`]: list(10, 1),
      [`${base}/chapter-1`]: '<h2>Chapter 1: Part 1</h2><div id="text"><p>The keeper left on a Tuesday.</p></div>',
    };
    const draft = rule('lamp', {
      matches: ['https://lamp.example/novel/*'],
      book: { title: 'h1', author: '.author a', tocUrl: 'a.all@href' },
      toc: { chapters: 'ul.chapters a', next: 'a[rel=next]@href', order: 'desc' },
      chapter: { title: 'h2', content: '#text p' },
    });
    const { call } = await startService({ fetch: pagesFetch(pages), settings: { maxAttempts: 1 } });
    const answer = await call({ type: 'source.test', url: base, rule: { ...draft, enabled: true } });
    expect(answer).toMatchObject({
      sourceId: 'lamp',
      chapters: 30,
      book: { title: 'The Glass Lamp', author: 'Wren Hall' },
    });
    expect(answer.firstChapters.map((c) => c.title)).toEqual([1, 2, 3, 4, 5].map((n) => `Chapter ${n}: Part ${n}`));
    expect(answer.firstChapter).toMatchObject({ title: 'Chapter 1: Part 1', text: 'The keeper left on a Tuesday.' });
  });

  it("cuts the first chapter's text to 2,000 characters and says how long it was", async () => {
    const paragraph = '这是很长的一段正文。'.repeat(50);
    const pages = {
      'https://long.example/book/1/': '<h1>长书</h1><div id="list"><a href="1.html">第一章</a></div>',
      'https://long.example/book/1/1.html': `<div id="content">${`<p>${paragraph}</p>`.repeat(10)}</div>`,
    };
    const { call } = await startService({ fetch: pagesFetch(pages), settings: { maxAttempts: 1 } });
    const answer = await call({
      type: 'source.test',
      url: 'https://long.example/book/1/',
      rule: { ...rule('long'), enabled: true },
    });
    expect(answer.firstChapter.text).toHaveLength(2000);
    expect(answer.firstChapter.length).toBe(paragraph.length * 10 + 9);
  });
});

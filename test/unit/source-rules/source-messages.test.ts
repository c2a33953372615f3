// source.import, source.remove and source.test through the service, as the options page sends them.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AD_LINE, bookInfo, chapterParagraphs, chapterTitle, startDemoSite, type DemoSite } from '../../fixtures/site';
import { startService as startTypedService } from '../engine/service-harness';
import { TEMPLATES_DIR } from './run-source-test';

const rule = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Site ${id}`,
  matches: [`https://${id}.example/book/*`],
  book: { title: 'h1' },
  toc: { chapters: '#list a' },
  chapter: { content: '#content' },
  ...extra,
});

type Send = (message: Record<string, unknown>) => Promise<any>;

/** The harness's service, with a `send` that takes malformed messages too (they are the point here). */
async function startService(options: Parameters<typeof startTypedService>[0] = {}): Promise<{ send: Send }> {
  const { send } = await startTypedService(options);
  return { send: (message) => send(message) };
}

async function sourceIds(send: Send): Promise<string[]> {
  return (await send({ type: 'source.list' })).sources.map((s: { id: string }) => s.id);
}

describe('source.import', () => {
  it('stores valid rules, and lists them as not built in', async () => {
    const { send } = await startService();
    const answer = await send({ type: 'source.import', sources: [rule('one'), rule('two', { enabled: false })] });
    expect(answer).toEqual({ ok: true, imported: ['one', 'two'] });
    const { sources } = await send({ type: 'source.list' });
    expect(sources.find((s: any) => s.id === 'one')).toMatchObject({ builtIn: false, enabled: true });
    expect(sources.find((s: any) => s.id === 'two')).toMatchObject({ builtIn: false, enabled: false });
  });

  it.each([
    ['one bad rule in a list', [rule('good'), rule('bad', { toc: { chapters: 'div[' } })], 'The source "bad" is not valid: toc.chapters: the selector "div["'],
    ['an unknown top-level key', rule('typo', { chapters: '#list a' }), 'chapters: unknown field (did you mean "toc.chapters"?)'],
    ['a purify regex with a backreference', rule('slow', { chapter: { content: '#c', purify: ['(\\w)\\1'] } }), 'chapter.purify[0]: uses a backreference or octal escape "\\1"'],
    ['a built-in id', rule('demo'), 'belongs to a built-in source'],
    ['the same id twice', [rule('twin'), rule('twin')], 'appears twice'],
    ['an empty list', [], 'the list is empty'],
    ['no object at all', 'not a rule', 'The source is not valid: expected an object.'],
  ])('refuses %s with invalid_source and stores nothing', async (_name, sources, message) => {
    const { send } = await startService();
    const before = await sourceIds(send);
    const answer = await send({ type: 'source.import', sources });
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('invalid_source');
    expect(answer.error.message).toContain(message);
    expect(await sourceIds(send)).toEqual(before);
  });

  it('accepts a rule carrying its own test cases, as the built-in files do', async () => {
    const { send } = await startService();
    const lightnovel = JSON.parse(readFileSync(new URL('../../../sources/lightnovel.json', import.meta.url), 'utf8'));
    const answer = await send({ type: 'source.import', sources: { ...lightnovel, id: 'my-lightnovel', name: 'Copy' } });
    expect(answer).toEqual({ ok: true, imported: ['my-lightnovel'] });
  });
});

describe('source.remove', () => {
  it('deletes an imported source with its enabled state', async () => {
    const { send } = await startService();
    await send({ type: 'source.import', sources: rule('gone') });
    await send({ type: 'source.setEnabled', sourceId: 'gone', enabled: false });
    expect(await send({ type: 'source.remove', sourceId: 'gone' })).toEqual({ ok: true });
    expect(await sourceIds(send)).not.toContain('gone');
    // Imported again, it starts afresh rather than inheriting the old switch.
    await send({ type: 'source.import', sources: rule('gone') });
    expect((await send({ type: 'source.list' })).sources.find((s: any) => s.id === 'gone').enabled).toBe(true);
  });

  it('refuses built-in sources and unknown ids with a sentence', async () => {
    const { send } = await startService();
    const builtIn = await send({ type: 'source.remove', sourceId: 'demo' });
    expect(builtIn.error.code).toBe('invalid_source');
    expect(builtIn.error.message).toContain('is built in and cannot be removed');
    expect(await sourceIds(send)).toContain('demo');
    const unknown = await send({ type: 'source.remove', sourceId: 'never-imported' });
    expect(unknown.error.code).toBe('unknown_source');
    expect(unknown.error.message).toContain('"never-imported"');
    expect((await send({ type: 'source.remove' })).error.code).toBe('unknown_source');
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
    const { send } = await startService(fast);
    const book = bookInfo('1');
    const answer = await send({ type: 'source.test', url: `${site.origin}/book/1/` });
    expect(answer.ok).toBe(true);
    expect(answer.sourceId).toBe('demo');
    expect(answer.book).toMatchObject({ title: book.title, author: book.author, intro: book.intro, cover: `${site.origin}/cover/1.png` });
    expect(answer.chapters).toBe(book.chapterCount);
    expect(answer.firstChapters).toEqual([1, 2, 3, 4, 5].map((n) => ({ title: chapterTitle('1', n), url: `${site.origin}/book/1/${n}.html` })));
    expect(answer.firstChapter.title).toBe(chapterTitle('1', 1));
    expect(answer.firstChapter.text).toBe(chapterParagraphs('1', 1).join('\n'));
    expect(answer.firstChapter.text).not.toContain(AD_LINE);
    expect((await send({ type: 'task.list' })).tasks).toEqual([]);
    // Book page and first chapter only: the table of contents is on the book page.
    expect(site.hits('/book/1/')).toBe(2);
  });

  it('tests a named source even when it is disabled, and an unsaved rule without storing it', async () => {
    const { send } = await startService(fast);
    await send({ type: 'source.setEnabled', sourceId: 'demo', enabled: false });
    const named = await send({ type: 'source.test', url: `${site.origin}/book/3/`, sourceId: 'demo' });
    expect(named).toMatchObject({ ok: true, sourceId: 'demo', chapters: 5, book: { title: '江边小镇' } });

    const before = await sourceIds(send);
    const draft = rule('draft', { matches: ['https://elsewhere.example/*'], book: { title: '#info h1' }, toc: { chapters: '#list dd a', order: 'desc' }, chapter: { content: '#content p' } });
    const unsaved = await send({ type: 'source.test', url: `${site.origin}/book/en/`, rule: draft });
    expect(unsaved).toMatchObject({ ok: true, sourceId: 'draft', chapters: 6, book: { title: 'The Demo Voyage', author: '' } });
    expect(unsaved.firstChapters[0].title).toBe(chapterTitle('en', 6));
    expect(await sourceIds(send)).toEqual(before);
  });

  it.each([
    ['a URL that is not http(s)', { url: 'ftp://127.0.0.1/book/1/' }, 'invalid_url'],
    ['no URL', { url: undefined }, 'invalid_url'],
    ['an unknown source id', { sourceId: 'nope' }, 'unknown_source'],
    ['an invalid unsaved rule', { rule: rule('broken', { toc: {} }) }, 'invalid_source'],
  ])('refuses %s', async (_name, fields, code) => {
    const { send } = await startService(fast);
    const answer = await send({ type: 'source.test', url: `${site.origin}/book/1/`, ...fields });
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe(code);
  });

  it('answers the reader\'s errors with their codes', async () => {
    const { send } = await startService(fast);
    const missing = await send({ type: 'source.test', url: `${site.origin}/book/404/`, sourceId: 'demo' });
    expect(missing.error.code).toBe('http_status');

    const noContent = rule('wrong', { book: { title: '#info h1' }, toc: { chapters: '#list dd a' }, chapter: { content: '#no-such-thing' } });
    const parse = await send({ type: 'source.test', url: `${site.origin}/book/1/`, rule: noContent });
    expect(parse.error.code).toBe('parse');
    expect(parse.error.message).toContain('"#no-such-thing"');

    const noToc = rule('wrong', { book: { title: '#info h1' }, toc: { chapters: 'ul.nothing a' } });
    expect((await send({ type: 'source.test', url: `${site.origin}/book/1/`, rule: noToc })).error.code).toBe('parse');

    const closed = await startDemoSite();
    const deadOrigin = closed.origin;
    await closed.close();
    const network = await send({ type: 'source.test', url: `${deadOrigin}/book/1/`, sourceId: 'demo' });
    expect(network.error.code).toBe('network');
  });
});

describe('source.test over saved template pages', () => {
  /** A fetch that serves the light-novel template's fixtures, as the site would. */
  const templateFetch = (pages: Record<string, string>): typeof fetch =>
    (async (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      const file = pages[url];
      if (!file) return new Response('not found', { status: 404 });
      const body = file.startsWith('<') ? file : readFileSync(TEMPLATES_DIR + file, 'utf8');
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    }) as typeof fetch;

  it('follows tocUrl and toc.next, puts a newest-first list in reading order', async () => {
    const lightnovel = JSON.parse(readFileSync(new URL('../../../sources/lightnovel.json', import.meta.url), 'utf8'));
    const [example] = lightnovel.tests;
    const { send } = await startService({ fetch: templateFetch({ [example.url]: example.fixture, ...example.pages }), settings: { maxAttempts: 1 } });
    const answer = await send({ type: 'source.test', url: example.url });
    expect(answer).toMatchObject({ ok: true, sourceId: 'lightnovel', chapters: 30, book: { title: 'The Glass Lighthouse', author: 'Wren Halloway' } });
    expect(answer.firstChapters.map((c: { title: string }) => c.title)).toEqual([
      'Chapter 1: The Keeper Leaves',
      'Chapter 2: Salt on the Glass',
      'Chapter 3: A Lamp Without Oil',
      'Chapter 4: The Harbor Master',
      'Chapter 5: Letters in the Tide',
    ]);
    expect(answer.firstChapter.title).toBe('Chapter 1: The Keeper Leaves');
  });

  it('cuts the first chapter\'s text to 2,000 characters and says how long it was', async () => {
    const paragraph = '这是很长的一段正文。'.repeat(50);
    const pages = {
      'https://long.example/book/1/': '<h1>长书</h1><div id="list"><a href="1.html">第一章</a></div>',
      'https://long.example/book/1/1.html': `<div id="content">${`<p>${paragraph}</p>`.repeat(10)}</div>`,
    };
    const { send } = await startService({ fetch: templateFetch(pages), settings: { maxAttempts: 1 } });
    const answer = await send({ type: 'source.test', url: 'https://long.example/book/1/', rule: rule('long') });
    expect(answer.ok).toBe(true);
    expect(answer.firstChapter.text).toHaveLength(2000);
    expect(answer.firstChapter.length).toBe(paragraph.length * 10 + 9);
  });
});

// source.export with format "legado", and source.import of a legado list that brings nothing in.
// What is exported must be what legado's own BookSource JSON holds: its field names (from
// BookSource.kt, BookInfoRule.kt, TocRule.kt, ContentRule.kt), their types, and a non-empty
// bookSourceUrl, the one thing the app's import insists on.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { startService } from '../engine/service-harness';

const text = v.optional(v.string());
const rules = (names: string[]) => v.optional(v.strictObject(Object.fromEntries(names.map((name) => [name, text]))));
const LegadoBookSourceSchema = v.strictObject({
  bookSourceUrl: v.pipe(v.string(), v.nonEmpty()),
  bookSourceName: v.pipe(v.string(), v.nonEmpty()),
  bookSourceGroup: text,
  bookSourceType: v.optional(v.picklist([0, 1, 2, 3])),
  bookUrlPattern: text,
  customOrder: v.optional(v.number()),
  enabled: v.optional(v.boolean()),
  enabledExplore: v.optional(v.boolean()),
  enabledCookieJar: v.optional(v.boolean()),
  concurrentRate: text,
  header: text,
  loginUrl: text,
  bookSourceComment: text,
  lastUpdateTime: v.optional(v.number()),
  respondTime: v.optional(v.number()),
  weight: v.optional(v.number()),
  searchUrl: text,
  exploreUrl: text,
  ruleBookInfo: rules([
    'init',
    'name',
    'author',
    'intro',
    'kind',
    'lastChapter',
    'updateTime',
    'coverUrl',
    'tocUrl',
    'wordCount',
    'canReName',
    'downloadUrls',
  ]),
  ruleToc: rules([
    'preUpdateJs',
    'chapterList',
    'chapterName',
    'chapterUrl',
    'formatJs',
    'isVolume',
    'isVip',
    'isPay',
    'updateTime',
    'nextTocUrl',
  ]),
  ruleContent: rules([
    'content',
    'title',
    'nextContentUrl',
    'webJs',
    'sourceRegex',
    'replaceRegex',
    'imageStyle',
    'imageDecode',
    'payAction',
  ]),
});

describe('source.export', () => {
  it.each(['demo', 'demo-split', 'biquge', 'royalroad', 'wenku8'])(
    'gives %s as a legado BookSource',
    async (sourceId) => {
      const { call } = await startService();
      const answer = await call({ type: 'source.export', sourceId, format: 'legado' });
      const parsed = v.safeParse(LegadoBookSourceSchema, JSON.parse(JSON.stringify(answer.source)));
      expect(parsed.issues?.map((i) => `${i.path?.map((p) => p.key).join('.')}: ${i.message}`) ?? []).toEqual([]);
    },
  );

  it('exports an imported legado source back as legado', async () => {
    const { call } = await startService();
    const legado = {
      bookSourceUrl: 'https://www.novel.test',
      bookSourceName: 'N',
      ruleBookInfo: { name: 'tag.h1.0@text' },
      ruleToc: { chapterList: 'id.list@tag.a', chapterName: 'text', chapterUrl: 'href' },
      ruleContent: { content: 'id.c@html' },
    };
    const { imported } = await call({ type: 'source.import', sources: [legado] });
    const { source } = await call({ type: 'source.export', sourceId: imported[0]!, format: 'legado' });
    expect(source).toMatchObject({
      bookSourceUrl: 'https://www.novel.test',
      ruleBookInfo: { name: 'h1[0]@text' },
      ruleToc: { chapterList: '#list@a', chapterName: 'text', chapterUrl: 'href' },
      ruleContent: { content: '#c@html' },
    });
  });

  it.each([
    [{ sourceId: 'nope', format: 'legado' }, 'unknown_source'],
    [{ sourceId: 'generic', format: 'legado' }, 'invalid_source'],
    [{ sourceId: 'demo', format: 'yaml' }, 'invalid_message'],
  ])('refuses %j with %s', async (message, code) => {
    const { send } = await startService();
    const answer = await send({ type: 'source.export', ...message });
    expect(answer).toMatchObject({ ok: false, error: { code } });
  });
});

describe('source.import of a legado list', () => {
  it('answers with the report and stores nothing when no source can come in', async () => {
    const { call } = await startService();
    const before = (await call({ type: 'source.list' })).sources.length;
    const answer = await call({
      type: 'source.import',
      sources: [{ bookSourceUrl: 'https://x.test', bookSourceName: 'X', ruleContent: { content: '<js>1</js>' } }],
    });
    expect(answer).toMatchObject({ imported: [], report: [{ status: 'skipped', name: 'X' }] });
    expect(answer.report![0]!.reasons.map((r) => r.code)).toEqual([
      'missing',
      'missing',
      'missing',
      'missing',
      'javascript',
    ]);
    expect((await call({ type: 'source.list' })).sources.length).toBe(before);
  });

  it('updates a source imported before, keeping its id', async () => {
    const { call } = await startService();
    const legado = (name: string) => ({
      bookSourceUrl: 'https://www.novel.test',
      bookSourceName: name,
      ruleBookInfo: { name: 'tag.h1@text' },
      ruleToc: { chapterList: 'tag.a', chapterName: 'text', chapterUrl: 'href' },
      ruleContent: { content: 'id.c@html' },
    });
    await call({ type: 'source.import', sources: [legado('First')] });
    await call({ type: 'source.import', sources: legado('Second') });
    const mine = (await call({ type: 'source.list' })).sources.filter((s) => s.id === 'legado-novel-test');
    expect(mine.map((s) => s.name)).toEqual(['Second']);
  });
});

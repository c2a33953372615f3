// A legado source written for the demo site's split book (default-chain syntax, `##`
// replacements, nextTocUrl over several pages and nextContentUrl from page to page), imported
// through source.import and used for a download: the file is the built-in rule's, byte for byte.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LegadoBookSource } from '../../../lib/contract';
import { startService, useDemoSite } from '../engine/service-harness';

const site = useDemoSite();
const LEGADO = JSON.parse(
  readFileSync(new URL('../../fixtures/legado/demo-split.json', import.meta.url), 'utf8'),
) as LegadoBookSource[];

describe('a legado source for the demo site', () => {
  it('is imported with a report, and downloads s1 to the same TXT as the built-in rule', async () => {
    const { call, waitForTask, ended, files } = await startService();
    const answer = await call({ type: 'source.import', sources: LEGADO });
    expect(answer).toMatchObject({ imported: ['legado-127-0-0-1'] });
    expect(answer.report).toEqual([
      {
        index: 1,
        name: 'Demo Novels, split pages (legado)',
        url: 'http://127.0.0.1',
        status: 'imported',
        id: 'legado-127-0-0-1',
        reasons: [],
        notes: [],
      },
    ]);

    const url = `${site.origin}/split/s1/`;
    const builtIn = (await call({ type: 'task.start', url, format: 'txt', sourceId: 'demo-split' })).task;
    const viaLegado = (await call({ type: 'task.start', url, format: 'txt', sourceId: 'legado-127-0-0-1' })).task;
    const [a, b] = await Promise.all([
      waitForTask(builtIn.id, ended, 30_000),
      waitForTask(viaLegado.id, ended, 30_000),
    ]);
    expect(b).toMatchObject({
      status: 'completed',
      sourceId: 'legado-127-0-0-1',
      totalChapters: 25,
      completedChapters: 25,
      failedChapters: 0,
    });
    expect(b.fileName).toBe(a.fileName);
    const [fileA, fileB] = [files.get(a.id)!, files.get(b.id)!];
    expect(Buffer.from(await fileB.blob.arrayBuffer()).equals(Buffer.from(await fileA.blob.arrayBuffer()))).toBe(true);
  });

  it('can be tried with source.test before it is imported, and says why one cannot', async () => {
    const { call, refusal } = await startService();
    const report = await call({ type: 'source.test', url: `${site.origin}/split/s1/`, rule: LEGADO[0]! });
    expect(report).toMatchObject({
      sourceId: 'legado-127-0-0-1',
      book: { title: '山城旧梦', author: '落叶先生' },
      chapters: 25,
      firstChapter: { title: '第1章 风起之时' },
    });
    const scripted: LegadoBookSource = { ...LEGADO[0]!, ruleContent: { content: '@js:result' } };
    const refused = await refusal({ type: 'source.test', url: `${site.origin}/split/s1/`, rule: scripted });
    expect(refused).toEqual({
      code: 'invalid_source',
      message:
        'The legado source "Demo Novels, split pages (legado)" cannot be used here: ruleContent.content uses JavaScript (@js:).',
    });
    expect((await call({ type: 'source.list' })).sources.some((s) => s.id === 'legado-127-0-0-1')).toBe(false);
  });
});

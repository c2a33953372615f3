import { describe, expect, it } from 'vitest';
import '../english';
import type { SourceInfo } from '../../../../lib/contract';
import {
  diagnosticsFileName,
  exportableSources,
  fileDate,
  parseSourcesJson,
  sourcesFileName,
  toJsonFile,
} from '../../../../lib/ui/options/sources-json';

const rule = {
  id: 'mine',
  name: 'Mine',
  enabled: true,
  matches: ['https://example.com/book/*'],
  book: { title: 'h1' },
  toc: { chapters: 'a' },
  chapter: { content: '#c' },
};

describe('parseSourcesJson', () => {
  it('takes one source or a list of them', () => {
    expect(parseSourcesJson(JSON.stringify(rule))).toEqual({ ok: true, sources: [rule] });
    expect(parseSourcesJson(JSON.stringify([rule, { ...rule, id: 'b' }]))).toMatchObject({
      ok: true,
      sources: [{ id: 'mine' }, { id: 'b' }],
    });
  });

  it('explains empty input and empty lists', () => {
    expect(parseSourcesJson('  \n')).toEqual({ ok: false, message: 'Paste the JSON of a source first.' });
    expect(parseSourcesJson('[]')).toEqual({ ok: false, message: 'The list is empty: there is no source to import.' });
  });

  it('says what is wrong with text that is not JSON', () => {
    const result = parseSourcesJson('{ "id": "x", }');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/^This is not valid JSON \(.+\)\. Check for a missing comma, quote or bracket\.$/);
    }
  });

  it('refuses values that are not objects, naming the list item', () => {
    expect(parseSourcesJson('42')).toEqual({
      ok: false,
      message: 'A source must be a JSON object ({ … }) or a list of them ([ … ]).',
    });
    expect(parseSourcesJson('null')).toMatchObject({ ok: false });
    expect(parseSourcesJson(JSON.stringify([rule, 'x']))).toEqual({
      ok: false,
      message: 'Item 2 of the list is not a JSON object ({ … }).',
    });
    expect(parseSourcesJson(JSON.stringify([[rule]]))).toEqual({
      ok: false,
      message: 'Item 1 of the list is not a JSON object ({ … }).',
    });
  });

  it('leaves field checks to the worker', () => {
    expect(parseSourcesJson('{"id":"NOT OK"}')).toEqual({ ok: true, sources: [{ id: 'NOT OK' }] });
  });
});

describe('export', () => {
  it('drops the builtIn flag so the file imports back', () => {
    const listed: SourceInfo[] = [{ ...rule, builtIn: false }];
    expect(exportableSources(listed)).toEqual([rule]);
    expect(parseSourcesJson(toJsonFile(exportableSources(listed)))).toEqual({ ok: true, sources: [rule] });
  });

  it('names files safely', () => {
    const at = new Date('2025-01-02T03:04:05.678Z');
    expect(fileDate(at)).toBe('2025-01-02T03-04-05Z');
    expect(diagnosticsFileName(at)).toBe('novel-downloader-diagnostics-2025-01-02T03-04-05Z.json');
    expect(sourcesFileName([{ id: 'mine' }], at)).toBe('mine.json');
    expect(sourcesFileName([{ id: 'a' }, { id: 'b' }], at)).toBe('novel-downloader-sources-2025-01-02T03-04-05Z.json');
    expect(toJsonFile({ a: 1 })).toBe('{\n  "a": 1\n}\n');
  });
});

// Sources in and out of the options page as JSON text.
import type { SourceInfo, SourceRule } from '../../contract';
import { strings } from '../strings';

export type ParsedSources = { ok: true; sources: SourceRule[] } | { ok: false; message: string };

/**
 * Pasted or loaded text → the rules to send with `source.import`. Only the shape is checked
 * here (JSON, an object or a list of objects); the worker judges every field.
 */
export function parseSourcesJson(text: string): ParsedSources {
  const s = strings.options;
  if (!text.trim()) return { ok: false, message: s.importEmpty };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: s.importNotJson(detail) };
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return { ok: false, message: s.importEmptyList };
  const bad = list.findIndex((item) => !item || typeof item !== 'object' || Array.isArray(item));
  if (bad >= 0) {
    return { ok: false, message: Array.isArray(value) ? s.importItemNotObject(bad + 1) : s.importNotObject };
  }
  return { ok: true, sources: list as SourceRule[] };
}

/** The rules as an import takes them back: without the list's `builtIn` flag. */
export function exportableSources(sources: readonly SourceInfo[]): SourceRule[] {
  return sources.map(({ builtIn: _builtIn, ...rule }) => rule);
}

/** `<id>.json` for one source, `novel-downloader-sources-<date>.json` for several. */
export function sourcesFileName(sources: readonly Pick<SourceRule, 'id'>[], at: Date): string {
  if (sources.length === 1) return `${sources[0]!.id}.json`;
  return `novel-downloader-sources-${fileDate(at)}.json`;
}

export function diagnosticsFileName(at: Date): string {
  return `novel-downloader-diagnostics-${fileDate(at)}.json`;
}

/** An ISO 8601 moment safe in file names on every system: `2025-01-02T03-04-05Z`. */
export function fileDate(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

/** Pretty JSON with a final newline, as a person would save it. */
export function toJsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

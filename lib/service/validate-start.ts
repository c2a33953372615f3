import type { BookFormat, ChapterRange, Settings, SourceInfo, TocChoice } from '../contract';
import { FORMATS } from '../contract';
import { AppError } from '../errors';
import { matchSource } from '../generic-reader/rule';
import type { SourceRegistry } from '../source-rules/registry';

export interface StartRequest {
  url?: unknown;
  sourceId?: unknown;
  format?: unknown;
  range?: unknown;
  toc?: unknown;
}

export interface ValidStart {
  url: string;
  source: SourceInfo;
  format: BookFormat;
  range?: ChapterRange;
  toc?: TocChoice;
}

/** Everything `task.start` checks before it creates anything; the first problem is answered. */
export async function validateStart(
  request: StartRequest,
  sources: SourceRegistry,
  settings: Settings,
): Promise<ValidStart> {
  const url = validUrl(request.url);
  const format = validFormat(request.format, settings.defaultFormat);
  const range = validRange(request.range);
  const toc = validToc(request.toc);
  return { url, format, range, ...(toc ? { toc } : {}), source: await pickSource(request.sourceId, url, sources) };
}

function validUrl(value: unknown): string {
  const shown = typeof value === 'string' ? `"${value}"` : `A ${value === null ? 'null' : typeof value} value`;
  if (typeof value !== 'string' || !URL.canParse(value)) {
    throw new AppError(
      'invalid_url',
      `${shown} is not a web address. Give the full http:// or https:// link of a book page.`,
    );
  }
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('invalid_url', `${shown} is not an http:// or https:// address, so it cannot be downloaded.`);
  }
  return url.href;
}

function validFormat(value: unknown, fallback: BookFormat): BookFormat {
  if (value === undefined) return fallback;
  if (!FORMATS.includes(value as BookFormat)) {
    throw new AppError(
      'invalid_format',
      `${JSON.stringify(value)} is not a book format. Choose ${FORMATS.join(' or ')}.`,
    );
  }
  return value as BookFormat;
}

function validRange(value: unknown): ChapterRange | undefined {
  if (value === undefined) return undefined;
  const bad = (why: string) =>
    new AppError('invalid_range', `The chapter range ${JSON.stringify(value)} is not valid: ${why}.`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad('it must look like { from, to }');
  const { from, to } = value as Record<string, unknown>;
  for (const [name, n] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (n !== undefined && !(typeof n === 'number' && Number.isInteger(n) && n >= 1))
      throw bad(`"${name}" must be a chapter number of 1 or more`);
  }
  if (typeof from === 'number' && typeof to === 'number' && from > to) throw bad('"from" comes after "to"');
  return { from: from as number | undefined, to: to as number | undefined };
}

/** `{ url?, order? }`: where the chapter list is and which way it runs, as the user confirmed it. */
function validToc(value: unknown): TocChoice | undefined {
  if (value === undefined) return undefined;
  const shown = JSON.stringify(value);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError(
      'invalid_message',
      `The table-of-contents choice ${shown} is not valid: it must look like { url, order }.`,
    );
  }
  const { url, order, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) {
    throw new AppError(
      'invalid_message',
      `The table-of-contents choice ${shown} has ${unknown.map((k) => `"${k}"`).join(', ')}, which it does not know; it takes only "url" and "order".`,
    );
  }
  if (order !== undefined && order !== 'asc' && order !== 'desc') {
    throw new AppError(
      'invalid_message',
      `The table-of-contents order ${JSON.stringify(order)} is not valid: say "asc" (the list names the first chapter first) or "desc" (newest first).`,
    );
  }
  const choice: TocChoice = {};
  if (url !== undefined) choice.url = validUrl(url);
  if (order !== undefined) choice.order = order;
  return choice;
}

async function pickSource(sourceId: unknown, url: string, sources: SourceRegistry): Promise<SourceInfo> {
  if (sourceId !== undefined) {
    if (typeof sourceId !== 'string')
      throw new AppError('unknown_source', `${JSON.stringify(sourceId)} is not a book source id.`);
    const source = await sources.get(sourceId);
    if (!source)
      throw new AppError(
        'unknown_source',
        `There is no book source with the id "${sourceId}". See the list in Options → Sources.`,
      );
    if (!source.enabled)
      throw new AppError(
        'source_disabled',
        `The book source "${source.name}" (${sourceId}) is disabled. Enable it in Options → Sources first.`,
      );
    return source;
  }
  // A source made for the site first; the generic reader (matching any page) only after all of them.
  const source = matchSource(await sources.list(), url);
  if (!source) {
    throw new AppError(
      'no_source',
      `No enabled book source knows the site of ${url}, and the generic reader is switched off. Import a source for it or enable "Generic reader" in Options → Sources, or name one with sourceId.`,
    );
  }
  return source;
}

// One of our rules as a legado book source (3.x JSON, as the app imports it), written so that
// importing it back gives a rule that reads the same values. The string form `css@what##…`
// reads the first match, so it goes out as a default-syntax step with position `[0]`; a query
// goes out as the chain it stands for. What legado cannot say is refused with a sentence
// naming the field; what it leaves out (a charset it detects itself) is said in the comment.

import type {
  LegadoBookSource,
  QueryPath,
  QueryStep,
  Replacement,
  Selector,
  SelectorQuery,
  SourceRule,
} from '../contract';
import { AppError } from '../errors';
import { parseSelector } from '../rule-reader/selector';
import { exportCss, UnsupportedCss } from './jsoup-css';
import { legadoBookUrlPattern, legadoSiteOf, NotExportable } from './export-site';
import { LEGADO_AUTHOR_CLEANUP, LEGADO_NAME_CLEANUP } from './translate-source';

const STEP_KEYWORDS = new Set(['children', 'class', 'tag', 'id', 'text']);

/** The fields of legado's BookSource that an export fills (the app defaults the rest). */
export interface LegadoExport extends LegadoBookSource {
  bookSourceName: string;
  bookSourceGroup: string;
  bookSourceType: number;
  bookSourceComment: string;
  bookUrlPattern: string;
  enabled: boolean;
  enabledExplore: boolean;
  enabledCookieJar: boolean;
  concurrentRate?: string;
  customOrder: number;
  lastUpdateTime: number;
  respondTime: number;
  weight: number;
  ruleBookInfo: { name: string; author?: string; coverUrl?: string; intro?: string; tocUrl?: string };
  ruleToc: { chapterList: string; chapterName: string; chapterUrl: string; nextTocUrl?: string };
  ruleContent: { content: string; title?: string; nextContentUrl?: string; replaceRegex?: string };
}

/** Our CSS as one default-syntax step (before its positions). */
function stepCss(css: string): string {
  if (/^\s*>\s*\*\s*$/.test(css)) return 'children';
  const jsoup = exportCss(css);
  // A step whose first word is one of legado's own (`tag.x`) would be read as that; `html` in front keeps it CSS.
  return STEP_KEYWORDS.has(jsoup.split('.')[0]!.trim()) ? `html ${jsoup}` : jsoup;
}

function position(p: NonNullable<QueryStep['pick']>[number]): string {
  if (typeof p === 'number') return String(p);
  return `${p.from ?? ''}:${p.to ?? ''}${p.step && p.step !== 1 ? `:${p.step}` : ''}`;
}

function step(s: QueryStep): string {
  const list = s.pick ?? s.drop;
  return `${stepCss(s.css)}${list ? `[${s.drop ? '!' : ''}${list.map(position).join(',')}]` : ''}`;
}

function path(p: QueryPath, elements: boolean): string {
  const steps = (p.steps ?? []).map(step);
  return elements ? steps.join('@') : [...steps, p.take ?? 'text'].join('@');
}

/** A JavaScript regex as Java reads it: flags become a leading `(?…)`, `\p{Script=Han}` becomes `\p{IsHan}`. */
function javaRegex(regex: string, flags = ''): string {
  const inline = flags.replace(/[gu]/g, '');
  return `${inline ? `(?${inline})` : ''}${regex.replace(/\\([pP])\{Script=Han\}/g, '\\$1{IsHan}')}`;
}

/** A JavaScript replacement as Java reads it: `$<n>` → `${n}`, `$&` → `$0`, `$$` → `\$`. */
function javaReplacement(by: string): string {
  return by
    .replace(/\\/g, '\\\\')
    .replace(/\$(?:<([A-Za-z]\w*)>|(&)|(\$))/g, (_, name: string, whole: string, dollar: string) =>
      name ? `\${${name}}` : whole ? '$0' : dollar ? '\\$' : '',
    );
}

function regexPart(replacements: readonly Replacement[], field: string): string {
  if (replacements.length === 0) return '';
  if (replacements.length > 1)
    throw new NotExportable(`${field} has ${replacements.length} replacements; a legado rule has one`);
  const [r] = replacements as [Replacement];
  if (r.regex.includes('##') || (r.with ?? '').includes('##'))
    throw new NotExportable(`${field}'s regex contains "##", which legado reads as a separator`);
  return `##${javaRegex(r.regex, r.flags)}##${javaReplacement(r.with ?? '')}${r.first ? '###' : ''}`;
}

function sameReplacement(a: Replacement, b: Replacement): boolean {
  return (
    a.regex === b.regex &&
    (a.with ?? '') === (b.with ?? '') &&
    (a.flags ?? '') === (b.flags ?? '') &&
    !!a.first === !!b.first
  );
}

function query(q: SelectorQuery, field: string, elements: boolean, implied?: Replacement): string {
  let replace = q.replace ?? [];
  // legado cleans every name and author itself: the cleanup an import added goes without saying.
  if (implied && replace.length && sameReplacement(replace[replace.length - 1]!, implied))
    replace = replace.slice(0, -1);
  const combined =
    'firstOf' in q
      ? q.firstOf.map((p) => path(p, elements)).join('||')
      : 'all' in q
        ? q.all.map((p) => path(p, elements)).join('&&')
        : 'zip' in q
          ? q.zip.map((p) => path(p, elements)).join('%%')
          : !elements && !q.steps?.length && q.take === 'html' && replace.length
            ? '' // `##…` alone: the page source
            : path(q, elements);
  return combined + regexPart(elements ? [] : replace, field);
}

/** The string form read for its first match: a default-syntax step at position 0. */
function firstMatch(selector: string, field: string): string {
  const { css, what, regex, replacement } = parseSelector(selector);
  return `${stepCss(css)}[0]@${what}${regex ? regexPart([{ regex: regex.source, with: replacement ?? '' }], field) : ''}`;
}

/** The string form read for every match (`toc.pages`, `chapter.content`): an `@css:` rule. */
function everyMatch(selector: string, field: string, content: boolean): string {
  const { css, what, regex, replacement } = parseSelector(selector);
  if (content && regex) throw new NotExportable(`${field}'s regex would apply to HTML in legado, not to the text`);
  // legado reads chapter text from HTML, keeping paragraphs as our `text` does.
  const take = content && what === 'text' ? 'html' : what;
  return `@css:${exportCss(css)}@${take}${regex ? regexPart([{ regex: regex.source, with: replacement ?? '' }], field) : ''}`;
}

function one(selector: Selector, field: string, implied?: Replacement): string {
  return typeof selector === 'string' ? firstMatch(selector, field) : query(selector, field, false, implied);
}

function toc(rule: SourceRule): LegadoExport['ruleToc'] {
  const { chapters, title, url, pages, next, order } = rule.toc;
  if (pages !== undefined && next !== undefined)
    throw new NotExportable('toc has both "pages" and "next"; legado has one nextTocUrl');
  let chapterList: string;
  let chapterName = title === undefined ? 'text' : one(title, 'toc.title');
  let chapterUrl = url === undefined ? 'href||a[href][0]@href' : one(url, 'toc.url');
  if (typeof chapters === 'string') {
    const { css, what, regex, replacement } = parseSelector(chapters);
    chapterList = `@css:${exportCss(css)}`;
    const own = regex ? regexPart([{ regex: regex.source, with: replacement ?? '' }], 'toc.chapters') : '';
    // `@attr` names where the link is and takes the regex; otherwise the regex is the title's.
    if (what !== 'text' && what !== 'html') {
      if (url === undefined) chapterUrl = `${what}${own}`;
    } else if (title === undefined) {
      chapterName = `text${own}`;
    }
  } else {
    chapterList = query(chapters, 'toc.chapters', true);
  }
  const nextTocUrl =
    pages !== undefined
      ? typeof pages === 'string'
        ? everyMatch(pages, 'toc.pages', false)
        : query(pages, 'toc.pages', false)
      : next !== undefined
        ? one(next, 'toc.next')
        : undefined;
  return {
    chapterList: `${order === 'desc' ? '-' : ''}${chapterList}`,
    chapterName,
    chapterUrl,
    ...(nextTocUrl ? { nextTocUrl } : {}),
  };
}

/** purify (line by line) and replace (the whole text) as legado's one replaceRegex. */
function replaceRegex(rule: SourceRule): string | undefined {
  const purify = rule.chapter.purify ?? [];
  const replace = rule.chapter.replace ?? [];
  if (purify.length && replace.length)
    throw new NotExportable('chapter has both "purify" and "replace"; legado has one replaceRegex');
  if (replace.length) return regexPart(replace, 'chapter.replace');
  // Each purify regex sees one line: `(?m)` keeps `^` and `$` at line ends in the whole text.
  if (purify.length)
    return regexPart([{ regex: purify.map((p) => `(?:${p})`).join('|'), flags: 'm' }], 'chapter.purify');
  return undefined;
}

/** The legado book source for one of our rules; throws AppError('invalid_source') naming what legado cannot say. */
export function toLegado(rule: SourceRule): LegadoExport {
  try {
    const site = legadoSiteOf(rule.matches);
    const comment = [`Exported from Novel Downloader (source "${rule.id}").`];
    if (rule.charset) comment.push(`Pages are ${rule.charset}; legado detects the charset from each page.`);
    if (rule.crawl?.concurrency) comment.push(`At most ${rule.crawl.concurrency} requests at a time here.`);
    const content = rule.chapter.content;
    const replace = replaceRegex(rule);
    return {
      bookSourceUrl: site,
      bookSourceName: rule.name,
      bookSourceGroup: 'Novel Downloader',
      bookSourceType: 0,
      bookSourceComment: comment.join(' '),
      bookUrlPattern: legadoBookUrlPattern(rule.matches),
      enabled: rule.enabled,
      enabledExplore: false,
      enabledCookieJar: true,
      ...(rule.crawl?.delayMs ? { concurrentRate: String(rule.crawl.delayMs) } : {}),
      customOrder: 0,
      lastUpdateTime: 0,
      respondTime: 180000,
      weight: 0,
      ruleBookInfo: {
        name: one(rule.book.title, 'book.title', LEGADO_NAME_CLEANUP),
        ...(rule.book.author !== undefined
          ? { author: one(rule.book.author, 'book.author', LEGADO_AUTHOR_CLEANUP) }
          : {}),
        ...(rule.book.cover !== undefined ? { coverUrl: one(rule.book.cover, 'book.cover') } : {}),
        ...(rule.book.intro !== undefined ? { intro: one(rule.book.intro, 'book.intro') } : {}),
        ...(rule.book.tocUrl !== undefined ? { tocUrl: one(rule.book.tocUrl, 'book.tocUrl') } : {}),
      },
      ruleToc: toc(rule),
      ruleContent: {
        content:
          typeof content === 'string'
            ? everyMatch(content, 'chapter.content', true)
            : query(content, 'chapter.content', false),
        ...(rule.chapter.title !== undefined ? { title: one(rule.chapter.title, 'chapter.title') } : {}),
        ...(rule.chapter.next !== undefined ? { nextContentUrl: one(rule.chapter.next, 'chapter.next') } : {}),
        ...(replace ? { replaceRegex: replace } : {}),
      },
    };
  } catch (error) {
    if (!(error instanceof UnsupportedCss) && !(error instanceof NotExportable)) throw error;
    throw new AppError('invalid_source', `The source "${rule.name}" cannot be exported for legado: ${error.message}.`);
  }
}

// One legado book source as one of our rules. A download starts from the book page, so what
// matters is `ruleBookInfo`, `ruleToc` and `ruleContent`; search and explore rules are never read,
// whatever they need. A rule a download needs that cannot be translated skips the source, with
// the reason per field; an optional one (author, cover, intro, the chapter page's title) is left
// out with a note, since the book reads well without it.

import type { LegadoBookSource, LegadoIssue, Replacement, Selector, SourceRuleInput } from '../contract';
import { legadoCharset, legadoCrawl, legadoMatches, legadoSourceId, siteUrl } from './source-site';
import { LegadoRuleError, translateRule, type RuleKind, type TranslatedRule } from './translate-rule';

/** What legado does to every name and author after the rule (its formatBookName/formatBookAuthor). */
export const LEGADO_NAME_CLEANUP: Replacement = { regex: '\\s+作\\s*者.*|\\s+\\S+\\s+著' };
export const LEGADO_AUTHOR_CLEANUP: Replacement = { regex: '^\\s*作\\s*者[:：\\s]+|\\s+著' };

export type SourceTranslation =
  { ok: true; rule: SourceRuleInput; notes: string[] } | { ok: false; reasons: LegadoIssue[] };

type Section = Record<string, unknown>;

/** A rule section: an object, or (as legado also stores them) its JSON text. */
function section(value: unknown): Section {
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' ? (parsed as Section) : {};
  }
  return value && typeof value === 'object' ? (value as Section) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

class Translator {
  readonly reasons: LegadoIssue[] = [];
  readonly notes: string[] = [];

  /** A rule a download needs: untranslatable or empty, the source is skipped. */
  required(field: string, raw: unknown, kind: RuleKind): TranslatedRule | undefined {
    if (!text(raw)) {
      this.reasons.push({ field, code: 'missing', message: `${field} is empty` });
      return undefined;
    }
    return this.present(field, raw, kind);
  }

  /** A rule a download needs when the source has it (tocUrl, nextTocUrl, …). */
  present(field: string, raw: unknown, kind: RuleKind): TranslatedRule | undefined {
    if (!text(raw)) return undefined;
    try {
      const translated = translateRule(text(raw), kind);
      this.notes.push(...translated.notes.map((note) => `${field}: ${note}`));
      return translated;
    } catch (error) {
      if (!(error instanceof LegadoRuleError)) throw error;
      this.reasons.push({ field, code: error.code, message: `${field} ${error.message}` });
      return undefined;
    }
  }

  /** A rule the book reads well without: untranslatable, it is left out with a note. */
  optional(field: string, raw: unknown, kind: RuleKind): Selector | undefined {
    if (!text(raw)) return undefined;
    try {
      const translated = translateRule(text(raw), kind);
      this.notes.push(...translated.notes.map((note) => `${field}: ${note}`));
      return translated.selector;
    } catch (error) {
      if (!(error instanceof LegadoRuleError)) throw error;
      this.notes.push(`${field} ${error.message}: left out`);
      return undefined;
    }
  }

  /** A rule that changes what is read and has no counterpart here: the source is skipped. */
  refuse(field: string, raw: unknown, why: (isScript: boolean) => LegadoIssue['code']): void {
    const value = text(raw);
    if (!value) return;
    const code = why(/<js>|@js:|java\./i.test(value));
    const says =
      code === 'javascript' ? 'runs JavaScript' : code === 'web-view' ? 'needs a web view' : 'is not supported';
    this.reasons.push({ field, code, message: `${field} ${says}` });
  }
}

/** The replacement `replaceRegex` stands for: it must be `##regex##replacement` and nothing else. */
function wholeTextReplacement(t: Translator, raw: unknown): Replacement[] | undefined {
  const translated = t.present('ruleContent.replaceRegex', raw, 'text');
  if (!translated) return undefined;
  const query = translated.selector;
  if (!('take' in query) || query.take !== 'html' || 'steps' in query || !query.replace) {
    t.reasons.push({
      field: 'ruleContent.replaceRegex',
      code: 'unsupported',
      message: 'ruleContent.replaceRegex is not a ##regex##replacement',
    });
    return undefined;
  }
  return query.replace;
}

function withCleanup(selector: Selector | undefined, cleanup: Replacement): Selector | undefined {
  if (selector === undefined || typeof selector === 'string') return selector;
  return { ...selector, replace: [...(selector.replace ?? []), cleanup] };
}

/** Requests with their own URL options (a POST, headers) cannot be made from a link we follow. */
function refuseUrlOptions(t: Translator, field: string, translated: TranslatedRule | undefined): void {
  const replace = translated && typeof translated.selector === 'object' ? translated.selector.replace : undefined;
  if (replace?.some((r) => r.with?.includes(',{'))) {
    t.reasons.push({
      field,
      code: 'request',
      message: `${field} adds URL options (a request this extension does not make)`,
    });
  }
}

export function translateSource(source: LegadoBookSource): SourceTranslation {
  const t = new Translator();
  const site = siteUrl(String(source.bookSourceUrl ?? ''));
  if (!site)
    t.reasons.push({ field: 'bookSourceUrl', code: 'unsupported', message: 'bookSourceUrl is not an http(s) address' });
  const type = Number(source.bookSourceType ?? 0);
  if (type !== 0)
    t.reasons.push({
      field: 'bookSourceType',
      code: 'not-text',
      message: `bookSourceType ${type} is not a text source (1 audio, 2 image, 3 file)`,
    });

  let info: Section, toc: Section, content: Section;
  try {
    [info, toc, content] = [section(source.ruleBookInfo), section(source.ruleToc), section(source.ruleContent)];
  } catch (error) {
    return {
      ok: false,
      reasons: [
        ...t.reasons,
        {
          field: 'ruleBookInfo',
          code: 'unsupported',
          message: `a rule section is not JSON: ${(error as Error).message}`,
        },
      ],
    };
  }

  t.refuse('ruleBookInfo.init', info.init, (script) => (script ? 'javascript' : 'unsupported'));
  t.refuse('ruleToc.preUpdateJs', toc.preUpdateJs, () => 'javascript');
  t.refuse('ruleToc.formatJs', toc.formatJs, () => 'javascript');
  t.refuse('ruleContent.webJs', content.webJs, () => 'web-view');
  t.refuse('ruleContent.sourceRegex', content.sourceRegex, () => 'web-view');

  const title = t.required('ruleBookInfo.name', info.name, 'text');
  const tocUrl = t.present('ruleBookInfo.tocUrl', info.tocUrl, 'link');
  const chapters = t.required('ruleToc.chapterList', toc.chapterList, 'elements');
  const chapterName = t.required('ruleToc.chapterName', toc.chapterName, 'item-text');
  const chapterUrl = t.required('ruleToc.chapterUrl', toc.chapterUrl, 'item-link');
  const nextToc = t.present('ruleToc.nextTocUrl', toc.nextTocUrl, 'list');
  const body = t.required('ruleContent.content', content.content, 'text');
  const nextContent = t.present('ruleContent.nextContentUrl', content.nextContentUrl, 'list');
  const replace = wholeTextReplacement(t, content.replaceRegex);
  refuseUrlOptions(t, 'ruleBookInfo.tocUrl', tocUrl);
  refuseUrlOptions(t, 'ruleToc.chapterUrl', chapterUrl);
  refuseUrlOptions(t, 'ruleToc.nextTocUrl', nextToc);
  refuseUrlOptions(t, 'ruleContent.nextContentUrl', nextContent);
  const author = t.optional('ruleBookInfo.author', info.author, 'text');
  const cover = t.optional('ruleBookInfo.coverUrl', info.coverUrl, 'link');
  const intro = t.optional('ruleBookInfo.intro', info.intro, 'text');
  const chapterTitle = t.optional('ruleContent.title', content.title, 'text');

  if (t.reasons.length || !site || !title || !chapters || !chapterName || !chapterUrl || !body)
    return { ok: false, reasons: t.reasons };

  if (text(toc.isVolume))
    t.notes.push('ruleToc.isVolume: volume headings are not marked; one without a link is left out of the chapters');
  if (text(source.header))
    t.notes.push('header: not sent; the browser sends its own (its User-Agent, your cookies for the site)');
  if (text(source.loginUrl) || text(source.loginUi))
    t.notes.push('login: not used; if the site needs an account, sign in to it in this browser');
  const { crawl, note: crawlNote } = legadoCrawl(source.concurrentRate);
  if (crawlNote) t.notes.push(crawlNote);
  const charset = legadoCharset(source.searchUrl, source.exploreUrl);

  const name = (text(source.bookSourceName) || site.hostname).slice(0, 100);
  const rule: SourceRuleInput = {
    id: legadoSourceId(String(source.bookSourceUrl), site),
    name,
    enabled: source.enabled !== false,
    matches: legadoMatches(site),
    ...(charset ? { charset } : {}),
    book: {
      title: withCleanup(title.selector, LEGADO_NAME_CLEANUP)!,
      ...(author ? { author: withCleanup(author, LEGADO_AUTHOR_CLEANUP) } : {}),
      ...(cover ? { cover } : {}),
      ...(intro ? { intro } : {}),
      ...(tocUrl ? { tocUrl: tocUrl.selector } : {}),
    },
    toc: {
      chapters: chapters.selector,
      title: chapterName.selector,
      url: chapterUrl.selector,
      ...(nextToc ? { next: nextToc.selector } : {}),
      ...(chapters.reverse ? { order: 'desc' as const } : {}),
    },
    chapter: {
      content: body.selector,
      ...(chapterTitle ? { title: chapterTitle } : {}),
      ...(nextContent ? { next: nextContent.selector } : {}),
      ...(replace ? { replace } : {}),
    },
    ...(crawl ? { crawl } : {}),
  };
  return { ok: true, rule, notes: t.notes };
}

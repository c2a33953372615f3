// legado 2.x (and its predecessor's) sources keep every rule in one flat object —
// `ruleBookName`, `ruleChapterList`, `ruleBookContent` … — and write `#` for `##`, `|` for `||`
// and `&` for `&&`. The app converts them on import; so does this, to the 3.x shape the
// translator reads. Only the fields a download from the book page needs are carried over.

import type { LegadoBookSource } from '../contract';

/** A 2.x source: flat rule fields and no `ruleToc`/`ruleContent` objects. */
export function isOldFormat(source: LegadoBookSource): boolean {
  const flat = ['ruleBookName', 'ruleChapterList', 'ruleBookContent', 'ruleSearchUrl'].some((key) => key in source);
  return flat && !('ruleToc' in source) && !('ruleContent' in source);
}

/** An old rule in today's separators, its `-` (reverse) and `+` prefixes kept. */
export function newRule(old: unknown): string | undefined {
  if (typeof old !== 'string' || !old.trim()) return undefined;
  let rule = old;
  let prefix = '';
  for (const mark of ['-', '+']) {
    if (rule.startsWith(mark)) {
      prefix += mark;
      rule = rule.slice(1);
    }
  }
  const special = /^(?:@css:|@xpath:|\/\/|##|:)/i.test(rule) || /@js:|<js>/i.test(rule);
  if (!special) {
    if (rule.includes('#') && !rule.includes('##')) rule = rule.replace(/#/g, '##');
    if (rule.includes('|') && !rule.includes('||')) {
      const [head = '', ...tail] = rule.split('##');
      rule = [head.replace(/\|/g, '||'), ...tail].join('##');
    }
    if (rule.includes('&') && !rule.includes('&&') && !rule.includes('http') && !rule.startsWith('/'))
      rule = rule.replace(/&/g, '&&');
  }
  return prefix + rule;
}

function put(target: Record<string, string>, key: string, value: string | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** The 3.x shape of a 2.x source. */
export function fromOldFormat(old: LegadoBookSource): LegadoBookSource {
  const ruleBookInfo: Record<string, string> = {};
  put(ruleBookInfo, 'init', newRule(old.ruleBookInfoInit));
  put(ruleBookInfo, 'name', newRule(old.ruleBookName));
  put(ruleBookInfo, 'author', newRule(old.ruleBookAuthor));
  put(ruleBookInfo, 'intro', newRule(old.ruleIntroduce));
  put(ruleBookInfo, 'coverUrl', newRule(old.ruleCoverUrl));
  put(ruleBookInfo, 'tocUrl', newRule(old.ruleChapterUrl));
  const ruleToc: Record<string, string> = {};
  put(ruleToc, 'chapterList', newRule(old.ruleChapterList));
  put(ruleToc, 'chapterName', newRule(old.ruleChapterName));
  put(ruleToc, 'chapterUrl', newRule(old.ruleContentUrl));
  put(ruleToc, 'nextTocUrl', newRule(old.ruleChapterUrlNext));
  const ruleContent: Record<string, string> = {};
  // The old app wrote `$` before a content rule that was not JSONPath; it means nothing now.
  const content = newRule(old.ruleBookContent);
  put(ruleContent, 'content', content?.startsWith('$') && !content.startsWith('$.') ? content.slice(1) : content);
  put(ruleContent, 'replaceRegex', newRule(old.ruleBookContentReplace));
  put(ruleContent, 'nextContentUrl', newRule(old.ruleContentUrlNext));
  return {
    bookSourceUrl: old.bookSourceUrl,
    bookSourceName: old.bookSourceName,
    bookSourceType: old.bookSourceType === 'AUDIO' ? 1 : 0,
    enabled: old.enable ?? true,
    ...(typeof old.httpUserAgent === 'string' && old.httpUserAgent
      ? { header: JSON.stringify({ 'User-Agent': old.httpUserAgent }) }
      : {}),
    ...(old.loginUrl ? { loginUrl: old.loginUrl } : {}),
    ...(old.ruleSearchUrl ? { searchUrl: old.ruleSearchUrl } : {}),
    ruleBookInfo,
    ruleToc,
    ruleContent,
  };
}

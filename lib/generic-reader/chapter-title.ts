// What a chapter title and a navigation link read like, in the words sites actually use.
// Plain string functions with no DOM or cheerio, so the content script can share them cheaply.

const CJK_DIGITS = '0-9０-９零〇一二两兩三四五六七八九十百千万萬';
const NUMBERED_CJK = new RegExp(`^第\\s*[${CJK_DIGITS}]+\\s*[章回节節话話卷集篇幕部]`);
const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred';
const NUMBERED_LATIN = new RegExp(`^(?:chapter|chap\\.?|ch\\.?|episode|ep\\.?|part|vol\\.?|volume|book)\\s*[-#]?\\s*(?:\\d+|[ivxlc]+\\b|(?:${NUMBER_WORDS})\\b)`, 'i');
// "1 初到小镇", "001. Title", "12、…"; a date such as "2024-05-01" is a post, not a chapter, and a
// bare number is a page of a pager far more often than a chapter.
const LEADING_NUMBER = /^(?!\d{4}\s*[-/.年]\s*\d)[0-9０-９]{1,5}(?:\s*[.、:：\-–—_)）]\s*\S|\s+\S)/;
const SPECIAL = /^(?:序章|序言|序|楔子|引子|前言|后记|後記|尾声|尾聲|番外|终章|終章|大结局|完本感言|上架感言)(?:\s|[:：、.]|$)/;
const SPECIAL_LATIN = /^(?:prologue|epilogue|interlude|afterword|foreword|side story|extra)\b/i;

/** Whether a link text reads like a chapter title: 第N章, Chapter N, Ch. 3, 12. …, 序章, Prologue. */
export function isChapterTitle(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 120) return false;
  return NUMBERED_CJK.test(t) || NUMBERED_LATIN.test(t) || LEADING_NUMBER.test(t) || SPECIAL.test(t) || SPECIAL_LATIN.test(t);
}

const CJK_VALUES: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CJK_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000, 萬: 10_000 };

/** 一百二十三 → 123, 十二 → 12, 一〇五 → 105; undefined when it is not a number. */
export function cjkNumber(text: string): number | undefined {
  if (!text) return undefined;
  if (/^[0-9０-９]+$/.test(text)) return Number(text.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let digitsOnly = true;
  for (const ch of text) {
    if (ch in CJK_VALUES) {
      digit = digit !== undefined && digitsOnly ? digit * 10 + CJK_VALUES[ch]! : CJK_VALUES[ch]!;
    } else if (ch === '万' || ch === '萬') {
      digitsOnly = false;
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = undefined;
    } else if (ch in CJK_UNITS) {
      digitsOnly = false;
      section += (digit ?? 1) * CJK_UNITS[ch]!;
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + section + (digit ?? 0);
}

/** The chapter's number as the title states it (第十二章 → 12, Chapter 7 → 7), if it states one. */
export function chapterNumber(text: string): number | undefined {
  const t = text.trim();
  const cjk = new RegExp(`^第\\s*([${CJK_DIGITS}]+)\\s*[章回节節话話]`).exec(t);
  if (cjk) return cjkNumber(cjk[1]!);
  const latin = /^(?:chapter|chap\.?|ch\.?|episode|ep\.?)\s*[-#]?\s*(\d+)/i.exec(t);
  if (latin) return Number(latin[1]);
  const leading = LEADING_NUMBER.test(t) ? /^[0-9０-９]+/.exec(t) : null;
  return leading ? cjkNumber(leading[0]) : undefined;
}

// Link words that move around a site rather than name a chapter.
const NAV_WORDS = new Set([
  '上一章', '下一章', '上一页', '下一页', '上一篇', '下一篇', '上页', '下页', '首页', '尾页', '末页', '目录', '章节目录',
  '章节列表', '返回目录', '返回书页', '返回列表', '加入书签', '投推荐票', '推荐本书', '书架', '我的书架', '回到顶部', '返回顶部',
  '首頁', '目錄', '上一頁', '下一頁',
  'home', 'previous', 'prev', 'next', 'previous chapter', 'next chapter', 'prev chapter', 'contents', 'table of contents',
  'index', 'toc', 'back', 'top', 'back to top', 'first', 'last', 'bookmark', 'chapter list',
]);
const NAV_SEPARATORS = /[\s|·•/\\<>«»‹›←→↑↓\-–—:：、，,()（）[\]【】]+/;

/** Whether a line or link text is nothing but navigation ("上一章 ← 章节目录 → 下一章", "Previous | Next"). */
export function isNavText(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (!t) return false;
  if (NAV_WORDS.has(t)) return true;
  const parts = t.split(NAV_SEPARATORS).filter(Boolean);
  if (parts.length === 0) return false;
  // Multi-word names ("previous chapter") split into words: rejoin pairs before giving up.
  let i = 0;
  while (i < parts.length) {
    const pair = i + 1 < parts.length ? `${parts[i]} ${parts[i + 1]}` : '';
    if (pair && NAV_WORDS.has(pair)) i += 2;
    else if (NAV_WORDS.has(parts[i]!)) i += 1;
    else return false;
  }
  return true;
}

/** "下一页" / "Next page": a link that continues the same list or chapter, not the next chapter. */
export function isNextPageText(text: string): boolean {
  return /^(?:下一?页|下一頁|next\s*page|next\s*»|»|>>)$/i.test(text.trim());
}

// What a navigation link reads like: moving around the site, to the next page of the same list or
// chapter, or to the book's whole table of contents. Plain string functions, as chapter-title.ts.

// Link words that move around a site rather than name a chapter.
const NAV_WORDS = new Set([
  '上一章',
  '下一章',
  '上一页',
  '下一页',
  '上一篇',
  '下一篇',
  '上页',
  '下页',
  '首页',
  '尾页',
  '末页',
  '目录',
  '章节目录',
  '章节列表',
  '返回目录',
  '返回书页',
  '返回列表',
  '加入书签',
  '投推荐票',
  '推荐本书',
  '书架',
  '我的书架',
  '回到顶部',
  '返回顶部',
  '首頁',
  '目錄',
  '上一頁',
  '下一頁',
  '上一章節',
  '下一章節',
  'home',
  'previous',
  'prev',
  'next',
  'previous chapter',
  'next chapter',
  'prev chapter',
  'contents',
  'table of contents',
  'index',
  'toc',
  'back',
  'top',
  'back to top',
  'first',
  'last',
  'bookmark',
  'chapter list',
  'chương trước',
  'chương sau',
  'trang trước',
  'trang sau',
  'mục lục',
]);
// A navigation bar of every word above is shorter than this; a chapter name may be longer.
const MAX_NAV_TEXT = 80;
const NAV_SEPARATORS = /[\s|·•/\\<>«»‹›←→↑↓\-–—:：、，,()（）[\]【】]+/;

/** Whether a line or link text is nothing but navigation ("上一章 ← 章节目录 → 下一章", "Previous | Next"). */
export function isNavText(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (!t || t.length > MAX_NAV_TEXT) return false;
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

/** "下一页" / "Next page" / "»": a link that continues the same list or chapter. */
export function isNextPageText(text: string): boolean {
  return /^(?:下一?页|下一?頁|次へ|次のページ|다음|next\s*page|next\s*[»›>→]?|trang\s+sau|página\s+siguiente|siguiente|suivant|weiter|[»›>→]|>>)$/i.test(
    text.trim(),
  );
}

/** "下一章" / "Next chapter": where a reader goes on; a split chapter's page 2 hides behind it too. */
export function isNextChapterText(text: string): boolean {
  return (
    /^(?:下一章|下一章節|下章|next\s+chapter|next\s+chap\.?|chương\s+sau|chương\s+tiếp)\s*[»›>→]?$/i.test(
      text.trim(),
    ) || isNextPageText(text)
  );
}

// The link to a book's whole table of contents, strongest words first: a "目录" names the list
// itself, "开始阅读" / "Start reading" usually the first chapter, which leads to the list in turn.
const CONTENTS_WORDS: RegExp[] = [
  /^(?:全部章节|全部章節|完整目录|章节目录|章節目錄|章节列表|章節列表|查看目录|查看全部章节|查看完整目录|目录|目錄|作品目录|书籍目录|返回目录|返回目錄|回目录|返回章节列表|书目|返回书目|返回書目|table of contents|contents|index|all chapters|chapter list|chapter index|view all chapters|show all chapters|mục lục|danh sách chương|índice)$/i,
  /^(?:开始阅读|開始閱讀|点击阅读|點擊閱讀|立即阅读|马上阅读|在线阅读|全文阅读|从头阅读|返回书页|返回書頁|start reading|read now|read first chapter|read from the beginning|first chapter|đọc từ đầu)$/i,
];

/** How strongly a link's text says "the whole list is there": 2 for "目录", 1 for "开始阅读", 0 for neither. */
export function contentsLinkStrength(text: string): number {
  const t = text.trim().replace(/[\s»›>→]+$/, '');
  // "Fiction Index", "Novel Contents", "Chapter Index": any short name ending in the word.
  if (t.length <= 30 && /\b(?:index|contents)$/i.test(t)) return CONTENTS_WORDS.length;
  const index = CONTENTS_WORDS.findIndex((re) => re.test(t));
  return index < 0 ? 0 : CONTENTS_WORDS.length - index;
}

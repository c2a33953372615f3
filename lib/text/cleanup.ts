// The cleanup every chapter gets, whatever its source: characters no reader wants (zero-width,
// private-use glyphs of anti-copy fonts), the ad lines novel sites inject, "(本章完)"-style
// trailers, and blank lines. A rule's own `purify` handles what is peculiar to one site.

// Ad lines are short; a long paragraph that happens to contain a phrase is the story's.
const MAX_AD_LINE = 100;

const AD_LINES: RegExp[] = [
  /一秒记住|记住本站|本站域名|首发域名|最新网址|最快更新|无弹窗|免费阅读|手机阅读|手机用户请|请收藏|加入书签|推荐票|月票|章节错误|点此举报|本章未完|点击下一页|天才一秒/,
  /笔趣阁|顶点小说|八一中文|飘天文学|起点中文|[wｗ]{3}[.．]\S+[.．](?:com|net|org|cc|la|info|me|co)/i,
  /for the latest (?:chapters|novel)|without pop-?ups|read (?:it |this )?(?:on|at) \S+\.(?:com|net|org)|visit \S+(?: \S+){0,3} for|this chapter (?:is|was) (?:updated|uploaded|published) by|if you find any errors|report (?:it|the chapter)|support the (?:translator|author) (?:on|at)|bookmark (?:us|this)/i,
];
// Removed wherever they stand, even inside a paragraph.
const AD_FRAGMENTS: RegExp[] = [/[(（]本章完[)）]/g, /[(（]未完待续[^)）]*[)）]/g];
// Zero-width characters and the Unicode private-use area.
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\ue000-\uf8ff]/g;
// "(1/3)" after a title of a chapter split over pages.
const PAGE_MARK = /\s*[(（【[]\s*(\d+)\s*[/／]\s*(\d+)\s*[)）】\]]\s*$/;

export function isAdLine(line: string): boolean {
  return line.length <= MAX_AD_LINE && AD_LINES.some((re) => re.test(line));
}

/** One line of chapter text as a reader wants it, or '' when nothing of it should stay. */
export function cleanLine(raw: string): string {
  let line = raw.replace(INVISIBLE, '');
  for (const re of AD_FRAGMENTS) line = line.replace(re, '');
  line = line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  return line && !isAdLine(line) ? line : '';
}

/** Chapter text, one paragraph per line, cleaned; no blank lines. */
export function cleanText(text: string): string {
  return text.split('\n').map(cleanLine).filter(Boolean).join('\n');
}

export function stripPageMark(title: string): string {
  return title.replace(PAGE_MARK, '');
}

/** Whether a title's "(k/n)" mark says the chapter goes on after this page (k < n). */
export function continuesPastPage(title: string): boolean {
  const mark = PAGE_MARK.exec(title);
  return mark !== null && Number(mark[1]) < Number(mark[2]);
}

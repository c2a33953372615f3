// Lines that novel sites put into chapter text and no author wrote: "remember our domain",
// "read without pop-ups", navigation bars. A rule lists its own site's lines in `purify`; the
// generic reader knows only the common ones, so it drops short lines that match them.

import { isNavText } from './chapter-title';

// Ad lines are short; a long paragraph that happens to contain a phrase is the story's.
const MAX_AD_LINE = 100;

const AD_LINES: RegExp[] = [
  /一秒记住|记住本站|本站域名|首发域名|最新网址|最快更新|无弹窗|免费阅读|手机阅读|手机用户请|请收藏|加入书签|推荐票|月票|章节错误|点此举报|本章未完|点击下一页|天才一秒/,
  /笔趣阁|顶点小说|八一中文|飘天文学|起点中文|[wｗ]{3}[.．]\S+[.．](?:com|net|org|cc|la|info|me|co)/i,
  /for the latest (?:chapters|novel)|without pop-?ups|read (?:it |this )?(?:on|at) \S+\.(?:com|net|org)|visit \S+(?: \S+){0,3} for|this chapter (?:is|was) (?:updated|uploaded|published) by|if you find any errors|report (?:it|the chapter)|support the (?:translator|author) (?:on|at)|bookmark (?:us|this)/i,
];
// Removed wherever they stand, even inside a paragraph.
const AD_FRAGMENTS: RegExp[] = [/[(（]本章完[)）]/g, /[(（]未完待续[^)）]*[)）]/g];

export function isAdLine(line: string): boolean {
  return line.length <= MAX_AD_LINE && AD_LINES.some((re) => re.test(line));
}

/** The chapter's paragraphs without ad lines, navigation bars and the title repeated on top. */
export function cleanChapterLines(lines: readonly string[], titles: readonly string[]): string[] {
  const out: string[] = [];
  const heads = new Set(titles.map((t) => t.replace(/\s+/g, '')).filter(Boolean));
  for (const raw of lines) {
    let line = raw;
    for (const re of AD_FRAGMENTS) line = line.replace(re, '');
    line = line.trim();
    if (!line || isAdLine(line) || isNavText(line)) continue;
    // The title on top of the text: the file writers put it there themselves.
    if (out.length === 0 && heads.has(line.replace(/\s+/g, ''))) continue;
    out.push(line);
  }
  return out;
}

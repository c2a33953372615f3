// What a chapter title reads like, in the words sites actually use, and what only looks like one
// (a date, "22 days ago", "0 reviews"). Plain string functions with no DOM or cheerio, so the
// content script can share them cheaply.

const CJK_NUMERALS = '零〇一二两兩三四五六七八九十百千万萬';
const CJK_DIGITS = `0-9０-９${CJK_NUMERALS}`;
// 第12章, 第十二回, 第3卷; and without 第: 12章 (light novels), 12話, 제12화.
const NUMBERED_CJK = new RegExp(
  `^(?:第\\s*[${CJK_DIGITS}]+\\s*[章回节節话話卷集篇幕部]|[0-9０-９]+\\s*[章回话話]|제?\\s*\\d+\\s*[화장회])`,
);
// 五十三、云变: a Chinese numeral and an enumeration comma.
const CJK_ENUMERATED = new RegExp(`^[${CJK_NUMERALS}]+\\s*[、．.]\\s*\\S`);
const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred';
// "Chapter" in the languages of the sites people read novels on.
const CHAPTER_WORDS =
  'chapter|chap\\.?|ch\\.?|episode|ep\\.?|capítulo|capitulo|cap\\.?|chapitre|kapitel|capitolo|hoofdstuk|rozdział|глава|bab|chương|chuong|hồi|ตอนที่|ตอน';
const PART_WORDS = 'part|vol\\.?|volume|book|tập|quyển|phần|arc';
const NUMBERED_LATIN = new RegExp(
  `^(?:${CHAPTER_WORDS}|${PART_WORDS})\\s*[-#.:]?\\s*(?:\\d+|[ivxlc]+\\b|(?:${NUMBER_WORDS})\\b)`,
  'iu',
);
// Release lists abbreviate: c196, ch12, v2c15, "v3 c4 part 2".
const RELEASE =
  /^(?:v(?:ol)?\.?\s*\d+\s*)?c(?:h)?\.?\s*\d+(?:\s*[-–.]\s*\d+)?(?:\s*(?:part|pt\.?)\s*\d+)?(?:\s|$|[:：.\-–])/i;
// "1 初到小镇", "001. Title", "12、…"; a bare number is a page of a pager far more often than a chapter.
// A date such as "2024-05-01 A post" names a post, not a chapter.
const LEADING_NUMBER = /^(?!\d{4}\s*[-/.年]\s*\d)[0-9０-９]{1,5}(?:\s*[.、:：\-–—_)）]\s*\S|\s+\S)/;
const SPECIAL =
  /^(?:序章|序言|序|楔子|引子|前言|后记|後記|尾声|尾聲|番外|终章|終章|大结局|完本感言|上架感言|插图|插圖|彩页|彩頁)(?:\s|[:：、.·]|$)/;
const SPECIAL_LATIN = /^(?:prologue|epilogue|interlude|afterword|foreword|side story|extra|illustrations?)\b/i;

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
// A date or a time no chapter number looks like: 2024-05-01, 07/17/16, Aug 29,2018, 2024年5月1日,
// 22 days ago, 3天前, yesterday. "1-2" or "1.5" may well be chapters, so a year or a word is required.
const DATE = [
  '\\d{4}\\s*[-/.]\\s*\\d{1,2}(?:\\s*[-/.]\\s*\\d{1,2})?',
  '\\d{1,2}\\s*[-/.]\\s*\\d{1,2}\\s*[-/.]\\s*\\d{2,4}',
  '\\d{4}\\s*年\\s*\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*日)?',
  `(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s*\\d{2,4}`,
  `\\d{1,2}\\s+(?:${MONTHS})\\.?,?\\s+\\d{2,4}`,
  '(?:an?|\\d+)\\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?)\\s+ago',
  '\\d+\\s*(?:秒|分钟|分鐘|小时|小時|天|日|周|週|个月|個月|月|年)前',
  'just now|yesterday|today|刚刚|剛剛|昨天|今天|前天',
].join('|');
const TIME = '(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?';
const IS_DATE = new RegExp(`^(?:${DATE})${TIME}$`, 'i');
// After a separator a short "11-12" (month-day) is a date too: "五十三、云变 - 11-12".
const TRAILING_DATE = new RegExp(
  `(?:\\s+|\\s*[-–—|·•]\\s*)(?:${DATE})${TIME}$|\\s+[-–—|]\\s+\\d{1,2}[-/.]\\d{1,2}${TIME}$|\\s*[(（[](?:${DATE})${TIME}[)）\\]]$`,
  'i',
);
const MAY_END_DATE = /(?:\d|ago|[前天日月]|day|now|[)）\]])$/i;
// "0 reviews", "12 comments", "1.2k views": a count beside a book or a chapter, never its name.
const COUNT =
  /^[\d.,]+\s*[km万千]?\s*(?:(?:reviews?|comments?|likes?|views?|words?|ratings?|followers?|following|favou?rites?|chapters|pages|votes?|reads?|bookmarks?|kudos|hits|replies|posts?|members?|threads?|fictions?|stories|works|books|novels|messages?|notifications?|friends?|items?|results?|points?|stars?)\b|条评论|评论|人读过|字|票|赞|次阅读)/i;

/** Whether a text is only a date or a time ("22 days ago", "2024-05-01", "Aug 29,2018"). */
export function isDateText(text: string): boolean {
  const t = text.trim();
  return t.length <= 40 && MAY_END_DATE.test(t) && IS_DATE.test(t);
}

/** A link's text without the release date printed after the name ("五十三、云变 - 11-12"). */
export function withoutTrailingDate(text: string): string {
  const t = text.trim();
  // Most names end in a word: only an ending that may close a date is worth the long pattern.
  if (!MAY_END_DATE.test(t)) return t;
  const cut = t.replace(TRAILING_DATE, '').trim();
  return cut && cut !== t ? cut : t;
}

/** Counts, dates and times that sit in lists of chapters but name none. */
export function isNotChapterName(text: string): boolean {
  const t = text.trim();
  return COUNT.test(t) || isDateText(t);
}

/** Whether a link text reads like a chapter title: 第N章, N章, 五十三、, Chapter N, Ch. 3, c12, Chương 4, 序章, Prologue. */
export function isChapterTitle(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 120 || isNotChapterName(t)) return false;
  return (
    NUMBERED_CJK.test(t) ||
    CJK_ENUMERATED.test(t) ||
    NUMBERED_LATIN.test(t) ||
    RELEASE.test(t) ||
    LEADING_NUMBER.test(t) ||
    SPECIAL.test(t) ||
    SPECIAL_LATIN.test(t)
  );
}

const VOLUME = new RegExp(
  `^(?:第\\s*[${CJK_DIGITS}]+\\s*[卷部集篇]|卷\\s*[${CJK_DIGITS}]+|(?:vol(?:ume)?\\.?|book|tập|quyển)\\s*(?:\\d+|[ivxlc]+\\b)|作品相关|作品相關|番外篇?)`,
  'iu',
);

/** Whether a heading inside a list of chapters names a volume: 第一卷, 第一集 斗罗世界, Volume 2, 作品相关. */
export function isVolumeTitle(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 120 && VOLUME.test(t);
}

const CJK_VALUES: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
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

const NUMBER_PATTERNS: RegExp[] = [
  new RegExp(`^第\\s*([${CJK_DIGITS}]+)\\s*[章回节節话話]`),
  /^([0-9０-９]+)\s*[章回话話]/,
  new RegExp(`^([${CJK_NUMERALS}]+)\\s*[、．.]`),
  new RegExp(`^(?:${CHAPTER_WORDS})\\s*[-#.:]?\\s*(\\d+)`, 'iu'),
  /^(?:v(?:ol)?\.?\s*\d+\s*)?c(?:h)?\.?\s*(\d+)/i,
];

/** The chapter's number as the title states it (第十二章 → 12, 五十三、 → 53, Chapter 7 → 7, c196 → 196). */
export function chapterNumber(text: string): number | undefined {
  // A volume in front ("第四十集 大战初始 第二百七十四章 …") does not number the chapter.
  const t = text.trim().replace(new RegExp(`^第\\s*[${CJK_DIGITS}]+\\s*[卷部集篇][^第]{0,60}(?=第)`), '');
  if (isNotChapterName(t)) return undefined;
  for (const pattern of NUMBER_PATTERNS) {
    const m = pattern.exec(t);
    if (m) return cjkNumber(m[1]!);
  }
  const leading = LEADING_NUMBER.test(t) ? /^[0-9０-９]+/.exec(t) : null;
  return leading ? cjkNumber(leading[0]) : undefined;
}

// A title that is nothing but its number: "Chương 1", "Chapter 12", "第3章", "12".
const NUMBER_ONLY = new RegExp(
  `^(?:第\\s*[${CJK_DIGITS}]+\\s*[章回节節话話]|[0-9０-９]+\\s*[章回话話]?|(?:${CHAPTER_WORDS})\\s*[-#.:]?\\s*\\d+)\\s*[:：.\\-–—]?$`,
  'iu',
);

/** Whether a link names only the chapter's number, its name standing in another link ("Chương 1" | "Đá Vận Khí"). */
export function isNumberOnlyTitle(text: string): boolean {
  return NUMBER_ONLY.test(text.trim());
}

// The book record carries no language, yet dc:language is required and xml:lang decides how
// readers pick fonts and hyphenate. The sites we read are Chinese or English, so the script of
// the text decides between the two.

// Han ideographs (with extension A and compatibility forms), CJK punctuation, full-width forms.
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/g;
const LATIN_WORD = /[A-Za-z\u00c0-\u024f]+/g;
// A BCP 47 tag in the shape readers accept (`zh`, `zh-Hans`, `en-US`), nothing more exotic.
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

export type DetectedLanguage = 'zh' | 'en';

/**
 * `zh` when CJK characters outnumber Latin words, else `en`. One Chinese character carries
 * about what a short English word does, so counting characters against words weighs the two
 * scripts fairly: a Chinese text with English names, URLs or "OK"s stays Chinese, and an
 * English text quoting a few Chinese names stays English.
 */
export function detectLanguage(sample: string): DetectedLanguage {
  const cjk = sample.match(CJK)?.length ?? 0;
  const latinWords = sample.match(LATIN_WORD)?.length ?? 0;
  return cjk > latinWords ? 'zh' : 'en';
}

/** A language given on the book wins when it looks like a real tag; otherwise we detect. */
export function givenLanguage(language: string | undefined): string | undefined {
  const tag = language?.trim();
  return tag && LANGUAGE_TAG.test(tag) ? tag : undefined;
}

/** Whether the Chinese typesetting rules (indented paragraphs, no gap between them) apply. */
export function isChinese(language: string): boolean {
  return /^zh(-|$)/i.test(language);
}

// The source-rule reader: pure functions from bytes/HTML and a SourceRule to book data.
export { decodeHtml, type DecodeOptions } from './charset';
export { findSource, isValidMatchPattern, matchesPattern } from './match-pattern';
export { parseSelector, resolveUrl, selectAll, selectFirst, type ParsedSelector } from './selector';
export { elementText } from './text';
export { loadHtml } from './html';
export { describeSelector } from './describe-selector';
export { loadPage, readText, type Page } from './read';
export { applyReplacements, replacementRegex } from './replace';
export {
  checkRuleSelectors,
  finishChapter,
  finishToc,
  parseBook,
  parseChapterPage,
  parseTocPage,
  type BookInfo,
  type ChapterPage,
  type TocEntry,
  type TocPage,
} from './parse';

// The source-rule reader: pure functions from a page's HTML and a SourceRule to book data.
export { parseSelector, selectAll, selectFirst, type ParsedSelector } from './selector';
export { finishChapter, finishToc, parseBook, parseChapterPage, parseTocPage } from './parse';

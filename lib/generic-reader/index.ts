// The generic reader: reads a novel from a site no source rule describes, by heuristics.
export { chapterNumber, isChapterTitle } from './chapter-title';
export { isNavText } from './nav-text';
export { isAdLine } from './clean';
export { chapterGroups, findChapterList, type ChapterList, type LinkGroup } from './links';
export { genericPage, type GenericPage } from './page';
export { genericReader, readGenericBook, readGenericToc } from './reader';
export { GENERIC_SOURCE_ID, genericRule, isGenericSource, matchSource, withGeneric } from './rule';

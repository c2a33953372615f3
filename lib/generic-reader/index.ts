// The generic reader: reads a novel from a site no source rule describes, by heuristics.
export { chapterNumber, isChapterTitle, isNavText } from './chapter-title';
export { isAdLine } from './clean';
export { chapterGroups, findChapterList, type LinkGroup } from './links';
export { genericPage, type GenericPage } from './page';
export { genericReader, readGenericBook, readGenericToc } from './reader';
export { GENERIC_SOURCE_ID, genericRule, isGenericSource, matchSource, withGeneric } from './rule';

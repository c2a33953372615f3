// Page detection: is the page in a tab a book the extension can download?
export { detectPage, genericEnabled, siteSource } from './detect';
export { MAX_DETECT_HTML, MIN_TOC_CHAPTERS } from './limits';

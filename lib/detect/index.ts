// Page detection: is the page in a tab a book the extension can download?
export { detectPage, genericEnabled, siteSource } from './detect';
export { DOCUMENT_REPORTS, MAX_DETECT_HTML, MIN_TOC_CHAPTERS } from './limits';
export { ReportGate, REPORT_LIMITS, type ReportLimits } from './report-gate';
export { TokenBucket } from './token-bucket';
export { Turns } from './turns';

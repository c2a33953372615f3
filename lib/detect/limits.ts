// Thresholds shared by the content script (a cheap first look) and the worker's detection.

/** An unknown page is a table of contents when one list holds at least this many chapters. */
export const MIN_TOC_CHAPTERS = 10;

/** Pages larger than this are not sent to the worker for a closer look. */
export const MAX_DETECT_HTML = 8_000_000;

/** The generic reader's confidence in a page below which the popup shows what it found and asks first. */
export const CONFIRM_BELOW = 0.7;

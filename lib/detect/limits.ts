// Thresholds shared by the content script (a cheap first look) and the worker's detection.

/** An unknown page is a table of contents when one list holds at least this many chapters. */
export const MIN_TOC_CHAPTERS = 10;

/**
 * Markup larger than this (characters, scripts and styles left out) is not sent to the worker,
 * nor looked at there: a table of contents of 10,000 chapters takes about 600,000, and looking at
 * a million takes the worker about half a second.
 */
export const MAX_DETECT_HTML = 1_500_000;

/** Reports one document may send in a burst and per minute (load, back/forward restores). */
export const DOCUMENT_REPORTS = { burst: 3, perMinute: 3 };

/** The generic reader's confidence in a page below which the popup shows what it found and asks first. */
export const CONFIRM_BELOW = 0.7;

// Tells the worker what page this is, so the toolbar button can say "a book: 12 chapters".
// A first look happens here (chapter-like links are cheap to count); the markup goes to the
// worker only when the page may be a book, and the worker decides with the shared detection.
// The page's own scripts can fire events at us, so only the browser's own events count, a few
// times a minute at most; the worker checks the same again (lib/detect/report-gate.ts).

import { browser } from 'wxt/browser';
import type { PageDetected, Response } from '../lib/contract';
import { DOCUMENT_REPORTS, MAX_DETECT_HTML, MIN_TOC_CHAPTERS } from '../lib/detect/limits';
import { TokenBucket } from '../lib/detect/token-bucket';
import { isChapterTitle } from '../lib/generic-reader/chapter-title';

// What detection never reads: it would only make the message bigger.
const NOT_READ = 'script, style, noscript, template, svg, iframe, object, video, audio, canvas';

function chapterLinkCount(): number {
  let count = 0;
  for (const a of document.querySelectorAll('a[href]')) {
    if (isChapterTitle(a.textContent ?? '') && ++count >= MIN_TOC_CHAPTERS) break;
  }
  return count;
}

/** A page that says it is a novel's (og:novel:* metadata, which Chinese sites publish for search engines). */
function declaresNovel(): boolean {
  return document.querySelector('meta[property^="og:novel:"]') !== null;
}

function markup(): string | undefined {
  const copy = document.documentElement.cloneNode(true) as Element;
  for (const element of copy.querySelectorAll(NOT_READ)) element.remove();
  const html = copy.outerHTML;
  return html.length <= MAX_DETECT_HTML ? html : undefined;
}

async function send(message: PageDetected): Promise<Response<'page.detected'> | undefined> {
  try {
    return (await browser.runtime.sendMessage(message)) as Response<'page.detected'>;
  } catch {
    return undefined; // the extension was reloaded or updated: this page's script is orphaned
  }
}

async function report(): Promise<void> {
  const url = location.href;
  const html = declaresNovel() || chapterLinkCount() >= MIN_TOC_CHAPTERS ? markup() : undefined;
  const answer = await send({ type: 'page.detected', url, html });
  // The URL belongs to a source's site: its book pages need not look like anything to us.
  if (!answer?.ok || !answer.needHtml || html !== undefined) return;
  const full = markup();
  if (full !== undefined) await send({ type: 'page.detected', url, html: full });
}

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main() {
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
    const pace = new TokenBucket(DOCUMENT_REPORTS.burst, DOCUMENT_REPORTS.perMinute, Date.now());
    const reportPaced = () => {
      if (pace.take(Date.now())) void report();
    };
    reportPaced();
    // A page restored from the back/forward cache runs no script again, but its badge was cleared.
    // Only the browser's own event: a page can dispatch a fake `pageshow` as often as it likes.
    window.addEventListener('pageshow', (event) => {
      if (event.isTrusted && event.persisted) reportPaced();
    });
  },
});

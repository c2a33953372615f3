// Text a page shows no reader: hidden by a class its own <style> sets to display:none (the
// anti-piracy line some sites slip into chapters), by an inline style or the `hidden` attribute,
// or kept off-screen for screen readers ("Chapter Text" headings, "sr-only" labels).

import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';

// Class names sites and CSS frameworks give to text only screen readers get.
const SCREEN_READER_ONLY = [
  'sr-only',
  'screen-reader-text',
  'screen-reader-only',
  'visually-hidden',
  'visuallyhidden',
  'a11y-hidden',
  'landmark',
  'hidden',
  'hide',
  'd-none',
  'invisible',
];
const INLINE_HIDDEN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;
// A rule that hides what it selects; font-size:0 and speak:never hide from eyes and ears.
const HIDING_RULE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|em|rem)?|speak\s*:\s*(?:never|none))\s*(?:!important\s*)?(?=;|$)/i;
// More page CSS than this is not read for hiding rules.
const MAX_STYLE = 200_000;

/** The classes and ids the page's own stylesheets hide, from simple `.name` and `#name` selectors. */
export function hiddenSelectors($: CheerioAPI): string[] {
  const css = $('style')
    .toArray()
    .map((el) => $(el).text())
    .join('\n')
    .slice(0, MAX_STYLE)
    .replace(/\/\*[\s\S]*?\*\//g, '');
  const found = new Set<string>();
  for (const m of css.matchAll(/([^{}]{1,500})\{([^{}]{0,2000})\}/g)) {
    if (!HIDING_RULE.test(m[2]!.trim())) continue;
    for (const selector of m[1]!.replace(/<!\[CDATA\[|\]\]>/g, '').split(',')) {
      const s = selector.trim();
      if (/^[a-z]*[.#][\w-]+$/i.test(s)) found.add(s);
    }
  }
  return [...found];
}

/** Removes what the page hides from readers, inside `container` only: a hidden page region that a script reveals stays. */
export function removeHidden($: CheerioAPI, container: Element): void {
  const selectors = ['[hidden]', ...SCREEN_READER_ONLY.map((name) => `.${name}`), ...hiddenSelectors($)];
  $(container).find(selectors.join(', ')).remove();
  $(container)
    .find('[style]')
    .filter((_, el) => INLINE_HIDDEN.test((el as Element).attribs.style ?? ''))
    .remove();
}

// A book's cover and intro without a rule: from the metadata sites publish for search engines and
// social networks, then from the page's own elements. Title and author have files of their own.

import { elementText } from '../text/paragraphs';
import { httpUrl } from '../url';
import { metaContent, type GenericPage } from './page';

export { bookTitle } from './book-title';
export { bookAuthor } from './book-author';

export function bookCover(page: GenericPage): string | undefined {
  const { $, base } = page;
  const og = metaContent($, 'og:image');
  if (og) return httpUrl(og, base);
  const img = $(
    'img.cover, img[class*="cover"], img[id*="cover"], #fmimg img, .cover img, [class*="cover"] img, [id*="cover"] img',
  ).first();
  return httpUrl(img.attr('data-src') || img.attr('src'), base);
}

export function bookIntro(page: GenericPage): string | undefined {
  const { $ } = page;
  const el = $(
    '#intro, .intro, [id*="intro"], [class*="intro"], #description, .description, [itemprop="description"]',
  ).first();
  const text = el.length ? elementText($, el) : undefined;
  return text || metaContent($, 'og:description', 'description');
}

// Demo-site pages as HTML text, for tests that read a page without serving it.
import { respond } from '../../fixtures/site/pages';

export { bookInfo, chapterParagraphs, chapterTitle } from '../../fixtures/site';

const text = (path: string) => respond(path).body.toString('utf-8');

export const renderBookPageHtml = (id: string) => text(`/book/${id}/`);
export const renderChapterPageHtml = (id: string, n: number) => text(`/book/${id}/${n}.html`);

import { bookInfo, chapterParagraphs, chapterTitle } from '../../fixtures/site';

/** The TXT file the extension must write for a demo-site book, line by line. */
export function expectedTxtLines(origin: string, id: string, chapters?: number[]): string[] {
  const book = bookInfo(id);
  const numbers = chapters ?? Array.from({ length: book.chapterCount }, (_, i) => i + 1);
  const lines = [book.title, book.author, `${origin}/book/${id}/`];
  for (const n of numbers) lines.push('', chapterTitle(id, n), '', ...chapterParagraphs(id, n));
  return lines;
}

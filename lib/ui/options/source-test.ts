// What `source.test` found, laid out per selector so a rule's author sees which one missed.
import type { Selector, SourceRule, SourceTestReport } from '../../contract';
import { describeSelector } from '../../rule-reader/describe-selector';
import { strings } from '../strings';

export interface FoundRow {
  key: keyof typeof strings.options.testFields;
  label: string;
  /** The rule's selector for this field, when the rule is known and has one. */
  selector?: string;
  found: string;
  /** The selector found nothing (shown as "nothing found"). */
  missing: boolean;
}

const INTRO_SHOWN = 300;

export function testReportRows(report: SourceTestReport, rule: SourceRule | undefined): FoundRow[] {
  const s = strings.options;
  const row = (key: FoundRow['key'], selector: Selector | undefined, value: string | undefined): FoundRow => {
    const text = (value ?? '').trim();
    return {
      key,
      label: s.testFields[key],
      selector: selector === undefined ? undefined : describeSelector(selector),
      found: text || s.testNothing,
      missing: !text,
    };
  };
  const rows = [
    row('title', rule?.book.title, report.book.title),
    row('author', rule?.book.author, report.book.author),
  ];
  // Optional fields only when the rule asks for them or something came back.
  if (rule?.book.cover || report.book.cover) rows.push(row('cover', rule?.book.cover, report.book.cover));
  if (rule?.book.intro || report.book.intro)
    rows.push(row('intro', rule?.book.intro, shorten(report.book.intro ?? '', INTRO_SHOWN)));
  rows.push(row('chapters', rule?.toc.chapters, report.chapters > 0 ? s.testChapterCount(report.chapters) : ''));
  rows.push(row('chapterTitle', rule?.chapter.title, report.firstChapter.title));
  rows.push(
    row(
      'content',
      rule?.chapter.content,
      report.firstChapter.length > 0 ? s.testCharacters(report.firstChapter.length) : '',
    ),
  );
  return rows;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// The parts of a rule the reader makes by clicking, on which page each is picked, and how a
// picked element becomes the field's selector text.

import { RULE_FIELDS, type RuleField } from '../contract';
import type { PickKind } from './generalise';

export { RULE_FIELDS, type RuleField };
export const BOOK_FIELDS = ['title', 'author', 'chapters'] as const satisfies readonly RuleField[];
export const CHAPTER_FIELDS = ['content', 'next'] as const satisfies readonly RuleField[];

/** Without these a book cannot be read; the others may stay empty. */
export const REQUIRED_FIELDS: readonly RuleField[] = ['title', 'chapters', 'content'];

export const FIELD_KIND: Record<RuleField, PickKind> = {
  title: 'text',
  author: 'text',
  chapters: 'list',
  content: 'block',
  next: 'link',
};

export function isRuleField(value: unknown): value is RuleField {
  return typeof value === 'string' && (RULE_FIELDS as readonly string[]).includes(value);
}

/** Which page a field is picked on. */
export function fieldStage(field: RuleField): 'book' | 'chapter' {
  return (BOOK_FIELDS as readonly string[]).includes(field) ? 'book' : 'chapter';
}

// "作者：", "Author:", "By:" in front of a name: a label, not part of it.
const LABEL = /^\s*([^\s:：]{1,10})\s*[:：]\s*\S/;
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/** `##^\s*作者\s*[:：]\s*##` when the value read starts with a label, else ''. */
export function labelRegex(value: string): string {
  const label = LABEL.exec(value)?.[1];
  return label ? `##^\\s*${label.replace(REGEX_SPECIAL, '\\$&')}\\s*[:：]\\s*##` : '';
}

/** The field's selector text for CSS that picks its element: a link's address, a name without its label. */
export function fieldSelector(field: RuleField, css: string, value = ''): string {
  if (field === 'next') return `${css}@href`;
  if (field === 'title' || field === 'author') return css + labelRegex(value);
  return css;
}

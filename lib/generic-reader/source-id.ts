// The generic reader's id, on its own so pages can tell it apart without loading the reader.
import type { SourceRule } from '../contract';

export const GENERIC_SOURCE_ID = 'generic';

export function isGenericSource(rule: Pick<SourceRule, 'id'>): boolean {
  return rule.id === GENERIC_SOURCE_ID;
}

import type { Selector } from '../contract';

/** A selector as a user reads it in a sentence: the string form as written, a query as JSON. */
export function describeSelector(selector: Selector): string {
  return typeof selector === 'string' ? selector : JSON.stringify(selector);
}

// A rule's fingerprint: what a subscription remembers of each version it installed, so a refresh
// can tell the list's changes from the reader's own edits without keeping a copy of every rule.
import { shortHash } from '../text/short-hash';

/** JSON with every object's keys sorted: the same rule gives the same text however it was built. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A short tag of the rule's whole content; its length is part of it, so near-misses stay apart. */
export function ruleFingerprint(rule: object): string {
  const text = canonical(rule);
  return `${shortHash(text)}-${text.length.toString(36)}`;
}

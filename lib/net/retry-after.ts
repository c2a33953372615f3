// The three HTTP-date forms RFC 9110 §5.6.7 says a recipient must accept. Date.parse alone is
// far too lenient ("1 2" is a date to V8), so a value must look like one of these first.
const IMF_OR_RFC850 = /^[a-z]{3,9},\s*\d{1,2}[ -][a-z]{3}[ -]\d{2,4}\s+\d{1,2}:\d{2}:\d{2}\s+(?:gmt|utc|[+-]\d{4})$/i;
const ASCTIME = /^[a-z]{3}\s+[a-z]{3}\s+\d{1,2}\s+\d{1,2}:\d{2}:\d{2}\s+\d{4}$/i;
const SECONDS = /^-?\d+(?:\.\d+)?$/;

/**
 * How long a `Retry-After` header asks us to wait, in ms from `nowMs`.
 * `undefined` when the header is absent or unreadable, so callers fall back to their own backoff;
 * a time already past (or a negative number) means "retry now": 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;

  if (SECONDS.test(text)) return Math.max(0, Math.round(Number(text) * 1000));

  let at = Number.NaN;
  if (IMF_OR_RFC850.test(text)) at = Date.parse(text);
  // asctime carries no zone; HTTP dates are always GMT, not the machine's local time.
  else if (ASCTIME.test(text)) at = Date.parse(`${text} GMT`);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, at - nowMs);
}

// The sentences a user reads when a page cannot be fetched: the URL, what happened, how many
// tries, and what to do about it.

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  410: 'Gone',
  429: 'Too Many Requests',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  520: 'Unknown Error',
  521: 'Web Server Is Down',
  522: 'Connection Timed Out',
  523: 'Origin Is Unreachable',
  524: 'A Timeout Occurred',
};

function tries(n: number): string {
  return n === 1 ? '1 try' : `${n} tries`;
}

/** HTTP/2 answers carry no reason phrase, so fall back to the standard one. */
export function statusLine(status: number, statusText: string): string {
  const reason = statusText.trim() || REASONS[status] || '';
  return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s}` : s.toFixed(1);
}

export function timeoutMessage(url: string, timeoutMs: number, attempts: number): string {
  return `The site did not answer ${url} within ${seconds(timeoutMs)} s (${tries(attempts)}). Retry, or raise the timeout in Settings.`;
}

export function networkMessage(url: string, cause: string, attempts: number): string {
  return `Could not reach ${url}: ${cause} (${tries(attempts)}). Check the address and your connection.`;
}

/** A refusal that retrying will not change (404, 403, …). */
export function clientStatusMessage(url: string, line: string, status: number): string {
  const hint =
    status === 401 || status === 403
      ? ' The site refused access; open the page in a tab to check whether it wants a login or a captcha.'
      : status === 404 || status === 410
        ? ' Check that the address is right and the page still exists.'
        : '';
  return `${url} answered ${line}.${hint}`;
}

export function serverStatusMessage(url: string, line: string, attempts: number): string {
  return `${url} answered ${line} (${tries(attempts)}). The site is down or limiting requests; retry later, or raise the delay in Settings.`;
}

export function emptyPageMessage(url: string, attempts: number): string {
  return `${url} answered with an empty page (${tries(attempts)}). The site is probably limiting requests; retry later, or raise the delay in Settings.`;
}

export function longRetryAfterMessage(url: string, line: string, waitMs: number): string {
  const minutes = Math.ceil(waitMs / 60_000);
  return `${url} answered ${line} and asks to wait ${minutes} minutes. Retry after that, or raise the delay in Settings.`;
}

export function cancelledMessage(url: string): string {
  return `The download of ${url} was cancelled.`;
}

export function invalidUrlMessage(url: string): string {
  return `"${url}" is not a web address that can be downloaded.`;
}

/** fetch's TypeError says only "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND …) is in its cause. */
export function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  if (cause instanceof Error && cause.message) return cause.message;
  if (cause && typeof cause === 'object' && 'code' in cause) return String((cause as { code: unknown }).code);
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

export function challengePageMessage(url: string, by: string): string {
  return `${url} answered with an anti-bot check (${by}) instead of the page. Open it in a tab and confirm you are human; the download goes on by itself.`;
}

export function signInPageMessage(url: string, host: string): string {
  return `${url} needs you to be signed in on ${host}. Sign in on the site in a tab; the download goes on by itself.`;
}

export function tooLargeMessage(url: string, limitBytes: number): string {
  const mb = Math.round(limitBytes / 1_048_576);
  return `${url} is larger than ${mb} MB once unpacked, so it was not read. Raise "Largest page" in Settings if the site really has pages that big.`;
}

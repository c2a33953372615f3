// Which URL the popup offers to download when it opens.

export interface StartUrl {
  url: string;
  /** 'tab': the page in the active tab; 'param': the popup's `?url=`; 'manual': the user types one. */
  source: 'tab' | 'param' | 'manual';
}

function isHttpUrl(value: string | undefined): value is string {
  if (!value) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * `selfUrl` is the popup's own location, `tabUrl` the active tab's URL (undefined when unknown).
 * A `?url=` parameter on the popup wins (the popup opened as a tab, e.g. by tests); then the
 * active tab when it is a web page other than the popup itself; otherwise the user pastes one.
 */
export function pickStartUrl(selfUrl: string, tabUrl: string | undefined): StartUrl {
  let self: URL | undefined;
  try {
    self = new URL(selfUrl);
  } catch {
    self = undefined;
  }
  const param = self?.searchParams.get('url')?.trim();
  if (param) return { url: param, source: 'param' };
  if (isHttpUrl(tabUrl) && (!self || new URL(tabUrl).origin !== self.origin)) {
    return { url: tabUrl, source: 'tab' };
  }
  return { url: '', source: 'manual' };
}

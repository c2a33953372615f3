// Web addresses as every part of the engine reads them: resolved against the page they were
// found on, only http(s) ever fetched, and a #fragment never making two addresses different.

/** Absolute URL, or undefined when the value is not a URL at all. */
export function resolveUrl(value: string, pageUrl: string): string | undefined {
  try {
    return new URL(value.trim(), pageUrl).href;
  } catch {
    return undefined; // not a URL: the caller treats it as no link
  }
}

/** Whether the text is an absolute http:// or https:// address. */
export function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/** Only http(s) links can be fetched; `javascript:void(0)` and `#` placeholders are no link. */
export function httpUrl(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  const url = resolveUrl(value, base);
  return url && isHttpUrl(url) ? url : undefined;
}

/** The address without its #fragment: the same document to a browser and to a site. */
export function withoutHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

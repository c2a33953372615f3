// Everything that ends up inside the EPUB's XML goes through here: the text comes from web pages
// (and from whatever a site rule scraped), so none of it is trusted to be valid or harmless XML.

// Characters XML 1.0 forbids outright (controls other than \t \n \r, lone surrogates, U+FFFE/U+FFFF),
// plus the C1 controls, which XML allows but which are only ever mis-decoded bytes in novel text.
// With the `u` flag a lone surrogate is one code point outside every allowed range, so it goes too.
const NOT_XML_TEXT = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Drops the characters that would make the document not well-formed XML. */
export function cleanXmlText(text: string): string {
  return text.replace(NOT_XML_TEXT, '');
}

/** Safe as element text and as an attribute value (quotes included). */
export function escapeXml(text: string): string {
  return cleanXmlText(text).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** Collapses a one-line label (title, author) and gives a fallback when nothing is left. */
export function oneLine(text: string | undefined, fallback: string): string {
  const line = cleanXmlText(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return line || fallback;
}

/**
 * Stored chapter text is one paragraph a line: each non-blank line becomes one `<p>`.
 * Leading spaces (often full-width U+3000 in Chinese novels) are dropped: CSS does the indent.
 */
export function paragraphs(text: string, className?: string): string {
  const open = className ? `<p class="${className}">` : '<p>';
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = cleanXmlText(line).trim();
    if (trimmed) out.push(`${open}${escapeXml(trimmed)}</p>`);
  }
  return out.join('\n');
}

export interface XhtmlPage {
  lang: string;
  title: string;
  /** The body's markup, already escaped. */
  body: string;
  /** Relative link to the stylesheet from where the page sits. */
  css: string;
  bodyClass?: string;
}

/** A complete EPUB 3 content document (XHTML5 serialised as XML). */
export function xhtmlDocument(page: XhtmlPage): string {
  return `${xhtmlHead(page)}${page.body}${XHTML_TAIL}`;
}

/** The document up to and including `<body>`, for a body written in pieces. */
export function xhtmlHead(page: Omit<XhtmlPage, 'body'>): string {
  const lang = escapeXml(page.lang);
  const bodyClass = page.bodyClass ? ` class="${escapeXml(page.bodyClass)}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}">
<head>
<meta charset="UTF-8"/>
<title>${escapeXml(page.title)}</title>
<link rel="stylesheet" type="text/css" href="${page.css}"/>
</head>
<body${bodyClass}>
`;
}

export const XHTML_TAIL = `
</body>
</html>
`;

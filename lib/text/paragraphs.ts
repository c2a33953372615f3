// Element text that keeps paragraphs. Cheerio's .text() runs paragraphs together, and Chinese
// sites put a whole chapter in one <div> as `&nbsp;&nbsp;text<br><br>&nbsp;&nbsp;text`, so we walk
// the tree ourselves: block elements and <br> end a paragraph, everything else flows inline.

import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';

const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'center', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
// Never visible text; `head` guards against selecting a whole document.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg']);
// Table cells sit side by side: a space keeps their words apart without splitting the row.
const CELLS = new Set(['td', 'th']);

// Collapses runs of ASCII whitespace and &nbsp; but not U+3000, which Chinese text uses on purpose
// inside a line; it only goes where the paragraph starts or ends (its indent).
const COLLAPSIBLE = /[ \t\n\r\f\v\u00a0]+/g;
const EDGES = /^[\s\u3000\u200b\ufeff]+|[\s\u3000\u200b\ufeff]+$/g;

class Paragraphs {
  readonly lines: string[] = [];
  private current = '';

  add(text: string): void {
    this.current += text;
  }

  end(): void {
    const line = this.current.replace(COLLAPSIBLE, ' ').replace(EDGES, '');
    if (line) this.lines.push(line);
    this.current = '';
  }
}

function walk(node: AnyNode, out: Paragraphs, inPre: boolean): void {
  if (node.type === 'text') {
    if (!inPre) return out.add(node.data);
    // Inside <pre> a newline is the author's paragraph break.
    node.data.split('\n').forEach((part, i) => {
      if (i > 0) out.end();
      out.add(part);
    });
    return;
  }
  if (node.type !== 'tag' && node.type !== 'root') return; // comments, CDATA, directives, script/style nodes
  const name = node.type === 'tag' ? node.name.toLowerCase() : '';
  if (SKIPPED.has(name)) return;
  const block = BLOCKS.has(name);
  if (block) out.end();
  if (CELLS.has(name)) out.add(' ');
  for (const child of node.children) walk(child, out, inPre || name === 'pre');
  if (block) out.end();
  if (CELLS.has(name)) out.add(' ');
}

/** One paragraph per line, trimmed, no empty lines. Accepts a node or a Cheerio selection. */
export function elementText($: CheerioAPI, el: AnyNode | Cheerio<AnyNode>): string {
  const out = new Paragraphs();
  for (const node of $(el).toArray()) {
    walk(node, out, false);
    out.end();
  }
  return out.lines.join('\n');
}

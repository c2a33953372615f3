// Element text that keeps paragraphs. Cheerio's .text() runs paragraphs together, and Chinese
// sites put a whole chapter in one <div> as `&nbsp;&nbsp;text<br><br>&nbsp;&nbsp;text`, so we walk
// the tree ourselves: block elements and <br> end a paragraph, everything else flows inline.

import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
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

/** What is left to do: enter a node, or leave an element (its closing edge). */
type Step = { enter: AnyNode; inPre: boolean } | { leave: string };

/** The walk keeps its own stack: a page may nest its text 10,000 elements deep, past the call stack. */
function walk(root: AnyNode, out: Paragraphs): void {
  const steps: Step[] = [{ enter: root, inPre: false }];
  for (let step = steps.pop(); step; step = steps.pop()) {
    if ('leave' in step) {
      if (BLOCKS.has(step.leave)) out.end();
      if (CELLS.has(step.leave)) out.add(' ');
      continue;
    }
    const { enter: node, inPre } = step;
    if (node.type === 'text') {
      if (!inPre) {
        out.add(node.data);
        continue;
      }
      // Inside <pre> a newline is the author's paragraph break.
      node.data.split('\n').forEach((part, i) => {
        if (i > 0) out.end();
        out.add(part);
      });
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'root') continue; // comments, CDATA, directives, script/style nodes
    const name = node.type === 'tag' ? node.name.toLowerCase() : '';
    if (SKIPPED.has(name)) continue;
    if (BLOCKS.has(name)) out.end();
    if (CELLS.has(name)) out.add(' ');
    steps.push({ leave: name });
    for (let i = node.children.length - 1; i >= 0; i--)
      steps.push({ enter: node.children[i]!, inPre: inPre || name === 'pre' });
  }
}

/** One paragraph per line, trimmed, no empty lines. Accepts a node or a Cheerio selection. */
export function elementText($: CheerioAPI, el: AnyNode | Cheerio<AnyNode>): string {
  const out = new Paragraphs();
  for (const node of $(el).toArray()) {
    walk(node, out);
    out.end();
  }
  return out.lines.join('\n');
}

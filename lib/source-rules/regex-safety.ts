// A static check that refuses regexes able to backtrack catastrophically (ReDoS), so a user's
// source rule cannot freeze the worker on one unlucky chapter. JavaScript's engine backtracks;
// the exponential cases come from a repetition that can split the same text in many ways:
//   - a variable repetition inside another repetition: (a+)+, (a*)*, (.*)*, (\w+\s?)*, (-{3,}\s*)+
//   - alternatives inside a repetition that can match the same text: (a|a)*, (\w|\d)+, (a|ab)*
// A repeated group stays allowed when each pass must cross a character its inner repetitions
// cannot eat: (?:\s*<br>\s*)+, (\d+,)*, (?:https?:\/\/)+ split the text only one way.
// The check is conservative: a few safe but unusual patterns such as (a+b+)* are refused too,
// with a sentence that says how to rewrite them.

import { Parser, type Group, type Node, type Repeat } from './regex-tree';

/**
 * Why the regex can backtrack catastrophically, or undefined when it cannot (as far as this
 * check sees). The source must already compile with `flags`; `g` is ignored.
 */
export function regexHazard(source: string, flags = ''): string | undefined {
  const tree = new Parser(source).parse();
  const sets = new CharSets(source, flags.replace(/[gy]/g, ''));
  for (const repeat of repeats(tree)) {
    if (repeat.max <= 1) continue;
    const why = nestedRepetition(repeat, sets) ?? ambiguousAlternatives(repeat, sets);
    if (why) return why;
  }
  return undefined;
}

// --- the checks ------------------------------------------------------------------------------

function nestedRepetition(outer: Repeat, sets: CharSets): string | undefined {
  for (const alt of alternativesOf(outer.node)) {
    const inner = alt.flatMap((node) => [...repeats([node])]).filter(isVariable);
    if (inner.length === 0) continue;
    const innerChars = inner.map((r) => charsIn(r.node));
    const anchors = alt.flatMap(fixedChars);
    const split = anchors.some((anchor) => innerChars.every((chars) => chars.every((c) => sets.disjoint(anchor, c))));
    if (!split) {
      return `"${inner[0]!.src}" is repeated inside "${outer.src}", which takes exponentially long on text that does not match (rewrite it without nested repetition)`;
    }
  }
  return undefined;
}

function ambiguousAlternatives(outer: Repeat, sets: CharSets): string | undefined {
  for (const group of groups(outer.node)) {
    for (let i = 0; i < group.alts.length; i++) {
      for (let j = i + 1; j < group.alts.length; j++) {
        const a = group.alts[i]!;
        const b = group.alts[j]!;
        if (mayMatchSameText(a, b, sets)) {
          return `the alternatives "${show(a)}" and "${show(b)}" inside "${outer.src}" can match the same text, which takes exponentially long on text that does not match (make the alternatives start differently)`;
        }
      }
    }
  }
  return undefined;
}

/** Compares the alternatives character by character while both are plain characters. */
function mayMatchSameText(a: Node[], b: Node[], sets: CharSets): boolean {
  const x = a.filter((n) => n.kind !== 'assert');
  const y = b.filter((n) => n.kind !== 'assert');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p.kind !== 'char' || q.kind !== 'char') return true; // unknown from here on: assume the worst
    if (sets.disjoint(p, q)) return false;
  }
  return true; // one is a prefix of the other (or both empty)
}

// --- walking the tree ------------------------------------------------------------------------

function* repeats(nodes: Node[]): Generator<Repeat> {
  for (const node of nodes) {
    if (node.kind === 'repeat') {
      yield node;
      yield* repeats([node.node]);
    } else if (node.kind === 'group') {
      for (const alt of node.alts) yield* repeats(alt);
    }
  }
}

function* groups(node: Node): Generator<Group> {
  if (node.kind === 'group') {
    if (!node.look && node.alts.length > 1) yield node;
    for (const alt of node.alts) for (const child of alt) yield* groups(child);
  } else if (node.kind === 'repeat') {
    yield* groups(node.node);
  }
}

/** A repetition whose count is not fixed: where one text can be split in several ways. */
function isVariable(repeat: Repeat): boolean {
  return repeat.min !== repeat.max;
}

function alternativesOf(node: Node): Node[][] {
  if (node.kind === 'group' && !node.look) return node.alts;
  return [[node]];
}

/** Every character class a node may consume (a back-reference may consume anything). */
function charsIn(node: Node): Array<Extract<Node, { kind: 'char' | 'backref' }>> {
  switch (node.kind) {
    case 'char':
    case 'backref':
      return [node];
    case 'repeat':
      return charsIn(node.node);
    case 'group':
      return node.look ? [] : node.alts.flatMap((alt) => alt.flatMap(charsIn));
    default:
      return [];
  }
}

/** Characters every match of the node must contain once, outside any variable repetition. */
function fixedChars(node: Node): Array<Extract<Node, { kind: 'char' }>> {
  switch (node.kind) {
    case 'char':
      return [node];
    case 'group':
      return !node.look && node.alts.length === 1 ? node.alts[0]!.flatMap(fixedChars) : [];
    case 'repeat':
      return node.min === node.max && node.min >= 1 ? fixedChars(node.node) : [];
    default:
      return [];
  }
}

function show(alt: Node[]): string {
  return alt.map((n) => ('src' in n ? n.src : '')).join('');
}

// --- character sets --------------------------------------------------------------------------

/**
 * Which characters a class, escape or literal matches, asked of the regex engine itself over a
 * set of probe characters: the first 768 code points, every 16th one above, and each character
 * the pattern names (with its neighbours, so ranges that barely touch are seen to overlap).
 */
class CharSets {
  private probes: string[] | undefined;
  private readonly cache = new Map<string, Uint8Array>();

  constructor(
    private readonly source: string,
    private readonly flags: string,
  ) {}

  disjoint(a: { kind: string; src: string }, b: { kind: string; src: string }): boolean {
    if (a.kind === 'backref' || b.kind === 'backref') return false;
    const x = this.members(a.src);
    const y = this.members(b.src);
    for (let i = 0; i < x.length; i++) if (x[i] && y[i]) return false;
    return true;
  }

  private members(src: string): Uint8Array {
    let bits = this.cache.get(src);
    if (!bits) {
      const re = new RegExp(`^(?:${src})$`, this.flags);
      this.probes ??= probesFor(this.source);
      bits = Uint8Array.from(this.probes, (p) => (re.test(p) ? 1 : 0));
      this.cache.set(src, bits);
    }
    return bits;
  }
}

function probesFor(source: string): string[] {
  const codes = new Set<number>();
  for (let c = 0; c < 0x300; c++) codes.add(c);
  for (let c = 0x300; c <= 0xffff; c += 16) if (c < 0xd800 || c > 0xdfff) codes.add(c);
  for (const c of namedCodes(source)) for (const d of [c - 1, c, c + 1]) if (d >= 0 && d <= 0xffff) codes.add(d);
  return [...codes].map((c) => String.fromCharCode(c));
}

/** The code points a pattern writes out: literals and \uXXXX / \xHH escapes. */
function namedCodes(source: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] !== '\\') {
      out.push(source.charCodeAt(i));
      continue;
    }
    const hex = /^u([0-9a-f]{4})|^x([0-9a-f]{2})/i.exec(source.slice(i + 1));
    if (hex) {
      out.push(parseInt(hex[1] ?? hex[2]!, 16));
      i += hex[0].length;
    } else if (i + 1 < source.length) {
      out.push(source.charCodeAt(++i));
    }
  }
  return out;
}

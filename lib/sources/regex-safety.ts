// A static check that refuses regexes able to backtrack catastrophically (ReDoS), so a user's
// source rule cannot freeze the worker on one unlucky chapter. JavaScript's engine backtracks;
// the exponential cases come from a repetition that can split the same text in many ways:
//   - a variable repetition inside another repetition: (a+)+, (a*)*, (.*)*, (\w+\s?)*, (-{3,}\s*)+
//   - alternatives inside a repetition that can match the same text: (a|a)*, (\w|\d)+, (a|ab)*
// A repeated group stays allowed when each pass must cross a character its inner repetitions
// cannot eat: (?:\s*<br>\s*)+, (\d+,)*, (?:https?:\/\/)+ split the text only one way.
// The check is conservative: a few safe but unusual patterns such as (a+b+)* are refused too,
// with a sentence that says how to rewrite them.

type Node =
  | { kind: 'char'; src: string }
  | { kind: 'group'; alts: Node[][]; look: boolean; src: string }
  | { kind: 'repeat'; node: Node; min: number; max: number; src: string }
  | { kind: 'assert' }
  | { kind: 'backref'; src: string };

type Repeat = Extract<Node, { kind: 'repeat' }>;
type Group = Extract<Node, { kind: 'group' }>;

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

// --- parsing (the regex already compiled, so the syntax is known to be valid) ----------------

class Parser {
  private i = 0;
  private readonly captures: number;
  private readonly named: boolean;

  constructor(private readonly s: string) {
    this.captures = (s.match(/\((?!\?)|\(\?<(?![=!])/g) ?? []).length;
    this.named = /\(\?<(?![=!])/.test(s);
  }

  parse(): Node[] {
    const alts = this.alternatives();
    return alts.length === 1 ? alts[0]! : [{ kind: 'group', alts, look: false, src: this.s }];
  }

  private alternatives(): Node[][] {
    const alts: Node[][] = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts;
  }

  private sequence(): Node[] {
    const nodes: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const start = this.i;
      const atom = this.atom();
      nodes.push(this.quantified(atom, start));
    }
    return nodes;
  }

  private quantified(atom: Node, start: number): Node {
    const s = this.s;
    let min: number;
    let max: number;
    const c = s[this.i];
    if (c === '*' || c === '+' || c === '?') {
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
      this.i++;
    } else {
      const braces = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i)) : null;
      if (!braces) return atom;
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Infinity;
      this.i += braces[0].length;
    }
    if (s[this.i] === '?') this.i++; // lazy: the same backtracking, in another order
    return { kind: 'repeat', node: atom, min, max, src: s.slice(start, this.i) };
  }

  private atom(): Node {
    const s = this.s;
    const start = this.i;
    const c = s[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') {
      this.i++;
      if (s[this.i] === '^') this.i++;
      while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
      this.i++;
      return { kind: 'char', src: s.slice(start, this.i) };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { kind: 'assert' };
    }
    if (c === '\\') return this.escape();
    this.i++;
    return { kind: 'char', src: c === '.' ? '.' : escapeLiteral(c) };
  }

  private group(): Node {
    const s = this.s;
    const start = this.i;
    const head = /^\((\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/.exec(s.slice(this.i))!;
    this.i += head[0].length;
    const look = head[1] !== undefined && /^\?(=|!|<=|<!)$/.test(head[1]);
    const alts = this.alternatives();
    this.i++; // ')'
    return { kind: 'group', alts, look, src: s.slice(start, this.i) };
  }

  private escape(): Node {
    const s = this.s;
    const start = this.i;
    const next = s[this.i + 1] ?? '';
    if (next === 'b' || next === 'B') {
      this.i += 2;
      return { kind: 'assert' };
    }
    const number = /^[1-9]\d*/.exec(s.slice(this.i + 1));
    if (number && Number(number[0]) <= this.captures) {
      this.i += 1 + number[0].length;
      return { kind: 'backref', src: s.slice(start, this.i) };
    }
    const name = this.named && next === 'k' ? /^k<[^>]+>/.exec(s.slice(this.i + 1)) : null;
    if (name) {
      this.i += 1 + name[0].length;
      return { kind: 'backref', src: s.slice(start, this.i) };
    }
    const long = /^(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|0[0-7]{0,2}|[1-7][0-7]{0,2})/.exec(s.slice(this.i + 1));
    this.i += 1 + (long ? long[0].length : 1);
    return { kind: 'char', src: s.slice(start, this.i) };
  }
}

/** A literal character as a regex of its own (`{`, `}` and `]` are literals here too). */
function escapeLiteral(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

// A small parser of JavaScript regex syntax (without the `u` flag, as rules compile them), into
// just the tree the backtracking check needs: characters, groups, repetitions, assertions.

export type Node =
  | { kind: 'char'; src: string }
  | { kind: 'group'; alts: Node[][]; look: boolean; src: string }
  | { kind: 'repeat'; node: Node; min: number; max: number; src: string }
  | { kind: 'assert' }
  | { kind: 'backref'; src: string };

export type Repeat = Extract<Node, { kind: 'repeat' }>;
export type Group = Extract<Node, { kind: 'group' }>;

/** Parses a regex that already compiled, so its syntax is known to be valid. */
export class Parser {
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

// Matches the regular expressions that .dockerignore patterns compile to, in time linear in the
// path (O(path × pattern)), by simulating the expression's automaton instead of backtracking:
// JavaScript's RegExp takes minutes for `**/**/**/…` against an 81-character path (Go's RE2, which
// the docker CLI uses, is linear). The result is exactly RegExp's `test` with the `u` flag: each
// single-character piece (a class, an escape, `.`) is still decided by RegExp, one character at a
// time. What those patterns never contain (backreferences, lookarounds, `+`, `{n}`) is refused.

type Assertion = 'start' | 'end' | 'word-boundary' | 'not-word-boundary';

type Term =
  | { readonly kind: 'char'; readonly test: CharTest; readonly quantifier: Quantifier }
  | { readonly kind: 'group'; readonly body: readonly Term[]; readonly quantifier: Quantifier }
  | { readonly kind: 'assert'; readonly assertion: Assertion };

type Quantifier = '' | '*' | '?';

type Node =
  | { kind: 'char'; test: (ch: string) => boolean; out: number }
  | { kind: 'split'; first: number; second: number }
  | { kind: 'assert'; assertion: Assertion; out: number }
  | { kind: 'match' };

export class UnsupportedRegExpError extends Error {}

/**
 * A test with RegExp's answers that takes O(text × expression) time. `source` must be a valid
 * `u`-flag RegExp. With at most one `*` or `?`, RegExp itself is that fast (and faster than the
 * automaton): it only backtracks over that one choice.
 */
export function linearRegExp(source: string): (text: string) => boolean {
  const terms = new Parser(Array.from(source)).parseAll();
  if (repetitions(terms) <= 1) {
    const regexp = new RegExp(source, 'u');
    return (text) => regexp.test(text);
  }
  const nodes: Node[] = [{ kind: 'match' }];
  const start = compileSequence(terms, 0, nodes);
  const { head, tail } = fixedEnds(terms);
  const automaton = new Automaton(nodes, start);
  return (text) => {
    const chars = codePoints(text);
    // Most paths fail on a fixed start or end (`dir/`, `.log`): decided without the automaton.
    for (let i = 0; i < head.length; i++) {
      if (i >= chars.length || !(head[i] as CharTest)(chars[i] as string)) {
        return false;
      }
    }
    for (let i = 0; i < tail.length; i++) {
      if (i >= chars.length || !(tail[i] as CharTest)(chars[chars.length - 1 - i] as string)) {
        return false;
      }
    }
    return automaton.matches(chars);
  };
}

type CharTest = (ch: string) => boolean;

function repetitions(terms: readonly Term[]): number {
  return terms.reduce((count, term) => count + (term.kind === 'assert' ? 0 : (term.quantifier === '' ? 0 : 1) + (term.kind === 'group' ? repetitions(term.body) : 0)), 0);
}

/** The single characters right after a leading `^` and (last first) before a final `$`: every match has them. */
function fixedEnds(terms: readonly Term[]): { head: CharTest[]; tail: CharTest[] } {
  const run = (from: readonly Term[]): CharTest[] => {
    const tests: CharTest[] = [];
    for (const term of from) {
      if (term.kind !== 'char' || term.quantifier !== '') {
        break;
      }
      tests.push(term.test);
    }
    return tests;
  };
  const first = terms[0];
  const last = terms[terms.length - 1];
  return {
    head: first?.kind === 'assert' && first.assertion === 'start' ? run(terms.slice(1)) : [],
    tail: last?.kind === 'assert' && last.assertion === 'end' ? run(terms.slice(0, -1).reverse()) : [],
  };
}

/** The text by code point, as the `u` flag reads it; a string is its own when it has no surrogates. */
function codePoints(text: string): ArrayLike<string> {
  return /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : text;
}

class Parser {
  private at = 0;

  constructor(private readonly chars: readonly string[]) {}

  parseAll(): Term[] {
    const terms = this.parseSequence();
    if (this.at < this.chars.length) {
      throw new UnsupportedRegExpError(`unexpected "${this.chars[this.at] ?? ''}"`);
    }
    return terms;
  }

  private parseSequence(): Term[] {
    const terms: Term[] = [];
    while (this.at < this.chars.length && this.chars[this.at] !== ')') {
      const term = this.parseTerm();
      terms.push(term.kind === 'assert' ? term : { ...term, quantifier: this.parseQuantifier() });
    }
    return terms;
  }

  private parseQuantifier(): Quantifier {
    const ch = this.chars[this.at];
    if (ch !== '*' && ch !== '?') {
      if (ch === '+' || ch === '{') {
        throw new UnsupportedRegExpError(`quantifier "${ch}"`);
      }
      return '';
    }
    this.at++;
    if (this.chars[this.at] === '?') {
      this.at++; // lazy or greedy: the same for whether the text matches
    }
    return ch;
  }

  private parseTerm(): Term {
    const ch = this.chars[this.at++] as string;
    switch (ch) {
      case '^':
        return { kind: 'assert', assertion: 'start' };
      case '$':
        return { kind: 'assert', assertion: 'end' };
      case '(': {
        if (this.chars[this.at] === '?') {
          throw new UnsupportedRegExpError('a special group');
        }
        const body = this.parseSequence();
        if (this.chars[this.at++] !== ')') {
          throw new UnsupportedRegExpError('an unclosed group');
        }
        return { kind: 'group', body, quantifier: '' };
      }
      case '[':
        return this.singleCharacter(this.classEnd());
      case '\\':
        return this.escape();
      case '.':
        return this.singleCharacter(this.at);
      default:
        return { kind: 'char', test: (c) => c === ch, quantifier: '' };
    }
  }

  /** Past the `]` that closes the class whose `[` was just read (u-mode rules: `[]` is empty). */
  private classEnd(): number {
    let i = this.at;
    if (this.chars[i] === '^') {
      i++;
    }
    while (i < this.chars.length && this.chars[i] !== ']') {
      i += this.chars[i] === '\\' ? 2 : 1;
    }
    if (i >= this.chars.length) {
      throw new UnsupportedRegExpError('an unclosed class');
    }
    return i + 1;
  }

  private escape(): Term {
    const ch = this.chars[this.at] ?? '';
    if (/[1-9k]/.test(ch)) {
      throw new UnsupportedRegExpError('a backreference');
    }
    if (ch === 'b' || ch === 'B') {
      this.at++;
      return { kind: 'assert', assertion: ch === 'b' ? 'word-boundary' : 'not-word-boundary' };
    }
    const extra = ch === 'x' ? 2 : ch === 'u' ? 4 : ch === 'c' ? 1 : 0;
    return this.singleCharacter(this.at + 1 + extra);
  }

  /** The piece from the character before `at` up to `end`, decided by RegExp itself. */
  private singleCharacter(end: number): Term {
    const piece = this.chars.slice(this.at - 1, end).join('');
    this.at = end;
    return { kind: 'char', test: memoised(new RegExp(`^(?:${piece})$`, 'u')), quantifier: '' };
  }
}

const MEMO_LIMIT = 512;

/** RegExp's answer per character, remembered: a table for ASCII, a capped map beyond. */
function memoised(regexp: RegExp): CharTest {
  const ascii = new Uint8Array(128); // 0 unknown, 1 no, 2 yes
  const other = new Map<string, boolean>();
  return (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 128 && ch.length === 1) {
      const known = ascii[code];
      if (known) {
        return known === 2;
      }
      const result = regexp.test(ch);
      ascii[code] = result ? 2 : 1;
      return result;
    }
    let result = other.get(ch);
    if (result === undefined) {
      result = regexp.test(ch);
      if (other.size < MEMO_LIMIT) {
        other.set(ch, result);
      }
    }
    return result;
  };
}

/** Builds the automaton back to front: each term's nodes lead to `next`. Returns the first node. */
function compileSequence(terms: readonly Term[], next: number, nodes: Node[]): number {
  let out = next;
  for (let i = terms.length - 1; i >= 0; i--) {
    out = compileTerm(terms[i] as Term, out, nodes);
  }
  return out;
}

function compileTerm(term: Term, next: number, nodes: Node[]): number {
  const add = (node: Node): number => nodes.push(node) - 1;
  if (term.kind === 'assert') {
    return add({ kind: 'assert', assertion: term.assertion, out: next });
  }
  const once = (to: number): number => (term.kind === 'char' ? add({ kind: 'char', test: term.test, out: to }) : compileSequence(term.body, to, nodes));
  if (term.quantifier === '') {
    return once(next);
  }
  if (term.quantifier === '?') {
    return add({ kind: 'split', first: once(next), second: next });
  }
  const loop = add({ kind: 'split', first: -1, second: next });
  (nodes[loop] as { first: number }).first = once(loop);
  return loop;
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /^[A-Za-z0-9_]$/.test(ch);

function holds(assertion: Assertion, text: ArrayLike<string>, at: number): boolean {
  switch (assertion) {
    case 'start':
      return at === 0;
    case 'end':
      return at === text.length;
    case 'word-boundary':
      return isWordChar(text[at - 1]) !== isWordChar(text[at]);
    case 'not-word-boundary':
      return isWordChar(text[at - 1]) === isWordChar(text[at]);
  }
}

/**
 * Thompson's simulation with RegExp.test's search semantics (a match may start anywhere), its
 * state lists and marks allocated once per expression.
 */
class Automaton {
  private readonly seenAt: Int32Array;
  private current: Int32Array;
  private following: Int32Array;
  private currentCount = 0;
  private followingCount = 0;
  private readonly pending: number[] = [];
  private matched = false;

  constructor(private readonly nodes: readonly Node[], private readonly start: number) {
    this.seenAt = new Int32Array(nodes.length);
    this.current = new Int32Array(nodes.length);
    this.following = new Int32Array(nodes.length);
  }

  matches(text: ArrayLike<string>): boolean {
    this.seenAt.fill(-1);
    this.currentCount = 0;
    this.matched = false;
    for (let at = 0; ; at++) {
      this.currentCount = this.follow(this.start, at, text, this.current, this.currentCount);
      if (this.matched) {
        return true;
      }
      if (at >= text.length) {
        return false;
      }
      const ch = text[at] as string;
      this.followingCount = 0;
      for (let i = 0; i < this.currentCount; i++) {
        const node = this.nodes[this.current[i] as number] as Node & { kind: 'char' };
        if (node.test(ch)) {
          this.followingCount = this.follow(node.out, at + 1, text, this.following, this.followingCount);
        }
      }
      [this.current, this.following] = [this.following, this.current];
      this.currentCount = this.followingCount;
    }
  }

  /** Adds the character nodes reachable from `index` by empty moves to `list`; returns its new length. */
  private follow(index: number, at: number, text: ArrayLike<string>, list: Int32Array, count: number): number {
    const pending = this.pending;
    pending.push(index);
    while (pending.length > 0) {
      const next = pending.pop() as number;
      if (this.seenAt[next] === at) {
        continue;
      }
      this.seenAt[next] = at;
      const node = this.nodes[next] as Node;
      if (node.kind === 'split') {
        pending.push(node.second, node.first);
      } else if (node.kind === 'assert') {
        if (holds(node.assertion, text, at)) {
          pending.push(node.out);
        }
      } else if (node.kind === 'match') {
        this.matched = true;
      } else {
        list[count++] = next;
      }
    }
    return count;
  }
}

import { isUnspacedCode, normalize } from './normalize';

/**
 * Multi-pattern matcher (Aho–Corasick) over normalized text. Every locale's terms live
 * in one automaton, so a message is scanned once whatever its language, in time linear
 * in its length.
 *
 * Term syntax (see worker/policy/lexicons/README.md):
 * - `word`  matches at the start of a word and may continue: `hack` finds "hacked".
 * - `=word` matches whole words only: `=bot` does not find "bottle".
 * - `~part` may start inside a word: `~betrug` finds "kreditkartenbetrug".
 * - `a .. b` matches `a`, then `b` within a few words after it.
 * In scripts without spaces (Chinese, Japanese, Thai) every term may match anywhere.
 */
export interface TermSpec<T> {
  term: string;
  value: T;
}

export interface TermHit<T> {
  value: T;
  term: string;
  start: number;
  end: number;
}

interface Part {
  text: string;
  infix: boolean;
  whole: boolean;
}

/** The trie with its fail links and outputs while it is built; dropped once flattened. */
interface Building {
  next: Map<number, number>[];
  fail: number[];
  /** Pattern indices ending at each node, own and inherited through fail links. */
  out: number[][];
  patternIndex: Map<string, number>;
}

interface CompiledTerm<T> {
  term: string;
  value: T;
  /** Pattern index of each part, in order. */
  parts: number[];
}

/** Characters allowed between two parts of an `a .. b` term. */
const GAP_CHARS = 40;
/** Occurrences kept per pattern: bounds the work on adversarial repetitions. */
const MAX_OCCURRENCES = 32;
const SPACE = 32;
/** Nodes with at least this many children get a direct table. */
const WIDE_NODE = 12;

export class TermMatcher<T> {
  readonly #terms: CompiledTerm<T>[] = [];
  /** Distinct parts: many terms share a part ("they .. ignore", "they .. refuse"), matched once. */
  readonly #patterns: Part[] = [];
  /** Terms by the pattern of their first part. */
  readonly #termsByFirst: number[][] = [];

  readonly #root = new Int32Array(65536);
  #edgeStart = new Int32Array(1);
  #edgeCodes = new Uint16Array(0);
  #edgeTargets = new Int32Array(0);
  #outStart = new Int32Array(1);
  #outList = new Int32Array(0);
  #failFlat = new Int32Array(1);
  /** Wide nodes (near the root) also get a direct table for code units below 256. */
  #denseIndex = new Int32Array(1);
  #dense = new Int32Array(0);

  constructor(specs: Iterable<TermSpec<T>>) {
    // Only the flat typed arrays are kept: the building trie (a Map per node) would hold
    // tens of megabytes of the isolate's heap for nothing.
    const building: Building = { next: [new Map()], fail: [0], out: [[]], patternIndex: new Map() };
    for (const spec of specs) this.#add(building, spec);
    link(building);
    this.#flatten(building);
  }

  get size(): number {
    return this.#terms.length;
  }

  #add(building: Building, spec: TermSpec<T>): void {
    const parts = spec.term.split(/\s\.\.\s/).map((raw) => {
      const infix = raw.trimStart().startsWith('~');
      const whole = raw.trimStart().startsWith('=');
      return { text: normalize(raw.replace(/^\s*[~=]/, '')).trim(), infix, whole };
    });
    if (parts.some((p) => p.text.length === 0 || p.text.includes('|'))) return;
    const indices = parts.map((part) => this.#pattern(building, part));
    const termIndex = this.#terms.push({ term: spec.term, value: spec.value, parts: indices }) - 1;
    this.#termsByFirst[indices[0]!]!.push(termIndex);
  }

  #pattern(building: Building, part: Part): number {
    const { next, fail, out, patternIndex } = building;
    const key = `${part.infix ? '~' : ''}${part.whole ? '=' : ''}${part.text}`;
    const known = patternIndex.get(key);
    if (known !== undefined) return known;
    const index = this.#patterns.push(part) - 1;
    patternIndex.set(key, index);
    this.#termsByFirst.push([]);
    let node = 0;
    for (let i = 0; i < part.text.length; i++) {
      const code = part.text.charCodeAt(i);
      let child = next[node]!.get(code);
      if (child === undefined) {
        child = fail.push(0) - 1;
        out.push([]);
        next.push(new Map());
        next[node]!.set(code, child);
        if (node === 0) this.#root[code] = child;
      }
      node = child;
    }
    out[node]!.push(index);
    return index;
  }

  #flatten({ next, fail, out }: Building): void {
    const nodes = next.length;
    const edges = next.reduce((n, m) => n + m.size, 0);
    this.#edgeStart = new Int32Array(nodes + 1);
    this.#edgeCodes = new Uint16Array(edges);
    this.#edgeTargets = new Int32Array(edges);
    let e = 0;
    for (let node = 0; node < nodes; node++) {
      this.#edgeStart[node] = e;
      // Sorted by code, so wide nodes can be binary-searched.
      for (const [code, target] of [...next[node]!].sort((a, b) => a[0] - b[0])) {
        this.#edgeCodes[e] = code;
        this.#edgeTargets[e++] = target;
      }
    }
    this.#edgeStart[nodes] = e;
    this.#outStart = new Int32Array(nodes + 1);
    this.#outList = new Int32Array(out.reduce((n, o) => n + o.length, 0));
    let o = 0;
    for (let node = 0; node < nodes; node++) {
      this.#outStart[node] = o;
      for (const pattern of out[node]!) this.#outList[o++] = pattern;
    }
    this.#outStart[nodes] = o;
    this.#failFlat = Int32Array.from(fail);
    const wide = [...next.keys()].filter((node) => node !== 0 && next[node]!.size >= WIDE_NODE);
    this.#denseIndex = new Int32Array(nodes).fill(-1);
    this.#dense = new Int32Array(wide.length * 256).fill(-1);
    wide.forEach((node, i) => {
      this.#denseIndex[node] = i * 256;
      for (const [code, target] of next[node]!) if (code < 256) this.#dense[i * 256 + code] = target;
    });
  }

  /** Finds every term in `text`, which must already be normalized. */
  scan(text: string): TermHit<T>[] {
    const root = this.#root;
    const edgeStart = this.#edgeStart;
    const edgeCodes = this.#edgeCodes;
    const edgeTargets = this.#edgeTargets;
    const fail = this.#failFlat;
    const outStart = this.#outStart;
    const outList = this.#outList;
    const patterns = this.#patterns;
    const denseIndex = this.#denseIndex;
    const dense = this.#dense;
    // Occurrences of each pattern that was found, at word boundaries.
    let found: Map<number, { start: number; end: number }[]> | undefined;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      for (;;) {
        if (node === 0) {
          node = root[code]!;
          break;
        }
        let target = -1;
        let lo = edgeStart[node]!;
        let hi = edgeStart[node + 1]! - 1;
        const table = denseIndex[node]!;
        if (table >= 0 && code < 256) {
          target = dense[table + code]!;
          lo = hi + 1; // no search needed
        } else if (hi - lo < 6) {
          for (let e = lo; e <= hi; e++) {
            if (edgeCodes[e] === code) {
              target = edgeTargets[e]!;
              break;
            }
          }
          lo = hi + 1;
        }
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const c = edgeCodes[mid]!;
          if (c === code) {
            target = edgeTargets[mid]!;
            break;
          }
          if (c < code) lo = mid + 1;
          else hi = mid - 1;
        }
        if (target >= 0) {
          node = target;
          break;
        }
        node = fail[node]!;
      }
      const firstOut = outStart[node]!;
      const lastOut = outStart[node + 1]!;
      if (firstOut === lastOut) continue;
      const end = i + 1;
      for (let k = firstOut; k < lastOut; k++) {
        const pattern = outList[k]!;
        const part = patterns[pattern]!;
        const start = end - part.text.length;
        if (!boundaryOk(text, start, end, part)) continue;
        found ??= new Map();
        let list = found.get(pattern);
        if (!list) found.set(pattern, (list = []));
        if (list.length < MAX_OCCURRENCES) list.push({ start, end });
      }
    }
    const hits: TermHit<T>[] = [];
    if (!found) return hits;
    for (const [first, occurrences] of found) {
      for (const termIndex of this.#termsByFirst[first]!) {
        const term = this.#terms[termIndex]!;
        // Most terms are one part: their first occurrence is the match.
        const match = term.parts.length === 1 ? occurrences[0]! : chain(term.parts.map((p) => found!.get(p) ?? NONE));
        if (match) hits.push({ value: term.value, term: term.term, start: match.start, end: match.end });
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }
}

const NONE: { start: number; end: number }[] = [];

/** A part must start (and, for `=`, end) at a word boundary, except in unspaced scripts. */
function boundaryOk(text: string, start: number, end: number, part: Part): boolean {
  if (!part.infix && start > 0) {
    const before = text.charCodeAt(start - 1);
    if (before !== SPACE && !isUnspacedCode(before) && !isUnspacedCode(text.charCodeAt(start))) return false;
  }
  if (part.whole && end < text.length) {
    const after = text.charCodeAt(end);
    if (after !== SPACE && !isUnspacedCode(text.charCodeAt(end - 1))) return false;
  }
  return true;
}

/** Finds the earliest occurrence of part 0 followed by each later part within the gap. */
function chain(perPart: { start: number; end: number }[][]): { start: number; end: number } | undefined {
  const [first, ...rest] = perPart;
  if (!first) return undefined;
  for (const head of first) {
    let end = head.end;
    let ok = true;
    for (const list of rest) {
      const next = list.find((o) => o.start >= end && o.start - end <= GAP_CHARS);
      if (!next) {
        ok = false;
        break;
      }
      end = next.end;
    }
    if (ok) return { start: head.start, end };
  }
  return undefined;
}

/** Fail links by breadth-first search; each node also inherits the outputs of its fail node. */
function link({ next, fail, out }: Building): void {
  const queue: number[] = [...next[0]!.values()];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const [code, child] of next[node]!) {
      fail[child] = step(next, fail, fail[node]!, code, child);
      const inherited = out[fail[child]!]!;
      if (inherited.length > 0) out[child] = [...out[child]!, ...inherited];
      queue.push(child);
    }
  }
}

function step(next: Map<number, number>[], fail: number[], node: number, code: number, self: number): number {
  for (;;) {
    const target = next[node]!.get(code);
    if (target !== undefined && target !== self) return target;
    if (node === 0) return 0;
    node = fail[node]!;
  }
}

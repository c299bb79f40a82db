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

/**
 * The trie while it is built, dropped once flattened. Edges are lists in flat arrays and
 * outputs exist only where patterns end: a Map or array per node would cost the
 * isolate's start-up hundreds of milliseconds of allocation and collection.
 */
interface Building {
  /** The root's children by code (the matcher's own root table). */
  root: Int32Array;
  /** Per node, its first edge (-1: none); per edge, the node's next edge. */
  firstEdge: number[];
  nextEdge: number[];
  /** Every edge once, in creation order. */
  parents: number[];
  codes: number[];
  children: number[];
  nodes: number;
  /** Patterns ending at a node, own and (after linking) inherited through fail links. */
  out: Map<number, number[]>;
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
    // Only the flat typed arrays are kept: the building trie would hold megabytes of the
    // isolate's heap for nothing.
    const building: Building = {
      root: this.#root,
      firstEdge: [-1],
      nextEdge: [],
      parents: [],
      codes: [],
      children: [],
      nodes: 1,
      out: new Map(),
      patternIndex: new Map(),
    };
    for (const spec of specs) this.#add(building, spec);
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
    const { out, patternIndex } = building;
    const key = `${part.infix ? '~' : ''}${part.whole ? '=' : ''}${part.text}`;
    const known = patternIndex.get(key);
    if (known !== undefined) return known;
    const index = this.#patterns.push(part) - 1;
    patternIndex.set(key, index);
    this.#termsByFirst.push([]);
    let node = 0;
    for (let i = 0; i < part.text.length; i++) {
      const code = part.text.charCodeAt(i);
      let child = childOf(building, node, code);
      if (child < 0) {
        child = building.nodes++;
        building.firstEdge.push(-1);
        building.nextEdge.push(building.firstEdge[node]!);
        building.firstEdge[node] = building.parents.push(node) - 1;
        building.codes.push(code);
        building.children.push(child);
        if (node === 0) this.#root[code] = child;
      }
      node = child;
    }
    const own = out.get(node);
    if (own) own.push(index);
    else out.set(node, [index]);
    return index;
  }

  #flatten(building: Building): void {
    const { nodes, parents, out } = building;
    const edgeCount = parents.length;
    // Edges grouped by parent (counting sort), then by code within a node for binary search.
    const edgeStart = new Int32Array(nodes + 1);
    for (const parent of parents) edgeStart[parent + 1]!++;
    for (let node = 0; node < nodes; node++) edgeStart[node + 1]! += edgeStart[node]!;
    const edgeCodes = new Uint16Array(edgeCount);
    const edgeTargets = new Int32Array(edgeCount);
    const fillAt = edgeStart.slice(0, nodes);
    for (let e = 0; e < edgeCount; e++) {
      const at = fillAt[parents[e]!]!++;
      edgeCodes[at] = building.codes[e]!;
      edgeTargets[at] = building.children[e]!;
    }
    for (let node = 0; node < nodes; node++) sortByCode(edgeCodes, edgeTargets, edgeStart[node]!, edgeStart[node + 1]!);

    const fail = link(building, edgeStart, edgeCodes, edgeTargets);

    const outStart = new Int32Array(nodes + 1);
    for (let node = 0; node < nodes; node++) outStart[node + 1] = outStart[node]! + (out.get(node)?.length ?? 0);
    const outList = new Int32Array(outStart[nodes]!);
    for (const [node, patterns] of out) outList.set(patterns, outStart[node]!);

    const wide: number[] = [];
    for (let node = 1; node < nodes; node++) if (edgeStart[node + 1]! - edgeStart[node]! >= WIDE_NODE) wide.push(node);
    const denseIndex = new Int32Array(nodes).fill(-1);
    const dense = new Int32Array(wide.length * 256).fill(-1);
    wide.forEach((node, i) => {
      denseIndex[node] = i * 256;
      for (let e = edgeStart[node]!; e < edgeStart[node + 1]!; e++) if (edgeCodes[e]! < 256) dense[i * 256 + edgeCodes[e]!] = edgeTargets[e]!;
    });

    this.#edgeStart = edgeStart;
    this.#edgeCodes = edgeCodes;
    this.#edgeTargets = edgeTargets;
    this.#failFlat = fail;
    this.#outStart = outStart;
    this.#outList = outList;
    this.#denseIndex = denseIndex;
    this.#dense = dense;
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
function link(building: Building, edgeStart: Int32Array, edgeCodes: Uint16Array, edgeTargets: Int32Array): Int32Array<ArrayBuffer> {
  const { out, nodes } = building;
  const fail = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  let tail = 0;
  // The root's children fail to the root.
  for (let e = edgeStart[0]!; e < edgeStart[1]!; e++) queue[tail++] = edgeTargets[e]!;
  for (let head = 0; head < tail; head++) {
    const node = queue[head]!;
    for (let e = edgeStart[node]!; e < edgeStart[node + 1]!; e++) {
      const code = edgeCodes[e]!;
      const child = edgeTargets[e]!;
      let state = fail[node]!;
      for (;;) {
        const target = childOf(building, state, code);
        if (target >= 0) {
          fail[child] = target;
          break;
        }
        if (state === 0) break;
        state = fail[state]!;
      }
      const inherited = out.get(fail[child]!);
      if (inherited) {
        const own = out.get(child);
        // Nothing is added to an output list after linking, so a list may be shared.
        out.set(child, own ? [...own, ...inherited] : inherited);
      }
      queue[tail++] = child;
    }
  }
  return fail;
}

/** The child of `node` along `code`, or -1. */
function childOf(building: Building, node: number, code: number): number {
  if (node === 0) return building.root[code]! || -1;
  for (let e = building.firstEdge[node]!; e >= 0; e = building.nextEdge[e]!) if (building.codes[e] === code) return building.children[e]!;
  return -1;
}

/** Sorts one node's edges by code: insertion sort, as most nodes have one or two. */
function sortByCode(codes: Uint16Array, targets: Int32Array, from: number, to: number): void {
  if (to - from > 64) {
    const pairs = Array.from({ length: to - from }, (_, i) => [codes[from + i]!, targets[from + i]!] as const).sort((a, b) => a[0] - b[0]);
    pairs.forEach(([code, target], i) => {
      codes[from + i] = code;
      targets[from + i] = target;
    });
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const code = codes[i]!;
    const target = targets[i]!;
    let j = i - 1;
    for (; j >= from && codes[j]! > code; j--) {
      codes[j + 1] = codes[j]!;
      targets[j + 1] = targets[j]!;
    }
    codes[j + 1] = code;
    targets[j + 1] = target;
  }
}

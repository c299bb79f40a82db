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

interface CompiledTerm<T> {
  spec: TermSpec<T>;
  parts: Part[];
}

/** Characters allowed between two parts of an `a .. b` term. */
const GAP_CHARS = 40;
/** Occurrences kept per part: bounds the work on adversarial repetitions. */
const MAX_OCCURRENCES = 32;
const NO_OUTPUT: readonly number[] = [];

export class TermMatcher<T> {
  readonly #terms: CompiledTerm<T>[] = [];
  /** Goto function of the automaton: a direct table at the root (visited most), maps below it. */
  readonly #root = new Int32Array(65536);
  readonly #next: Map<number, number>[] = [new Map()];
  #fail: number[] = [0];
  /** Output indices per node, own and inherited through fail links. */
  #out: (readonly number[])[] = [NO_OUTPUT];
  /** One output per (term, part). */
  readonly #outputs: { term: number; part: number; length: number }[] = [];

  /** After building: every node's transitions in flat arrays (faster than maps to walk). */
  #edgeStart = new Int32Array(1);
  #edgeCodes = new Uint16Array(0);
  #edgeTargets = new Int32Array(0);
  #outStart = new Int32Array(1);
  #outList = new Int32Array(0);
  #failFlat = new Int32Array(1);

  constructor(specs: Iterable<TermSpec<T>>) {
    for (const spec of specs) this.#add(spec);
    this.#link();
    this.#flatten();
  }

  #flatten(): void {
    const nodes = this.#next.length;
    const edges = this.#next.reduce((n, m) => n + m.size, 0);
    this.#edgeStart = new Int32Array(nodes + 1);
    this.#edgeCodes = new Uint16Array(edges);
    this.#edgeTargets = new Int32Array(edges);
    let e = 0;
    for (let node = 0; node < nodes; node++) {
      this.#edgeStart[node] = e;
      // Sorted by code, so wide nodes can be binary-searched.
      for (const [code, target] of [...this.#next[node]!].sort((a, b) => a[0] - b[0])) {
        this.#edgeCodes[e] = code;
        this.#edgeTargets[e++] = target;
      }
    }
    this.#edgeStart[nodes] = e;
    this.#outStart = new Int32Array(nodes + 1);
    this.#outList = new Int32Array(this.#out.reduce((n, o) => n + o.length, 0));
    let o = 0;
    for (let node = 0; node < nodes; node++) {
      this.#outStart[node] = o;
      for (const output of this.#out[node]!) this.#outList[o++] = output;
    }
    this.#outStart[nodes] = o;
    this.#failFlat = Int32Array.from(this.#fail);
  }

  get size(): number {
    return this.#terms.length;
  }

  #add(spec: TermSpec<T>): void {
    const parts = spec.term.split(/\s\.\.\s/).map((raw) => {
      const infix = raw.trimStart().startsWith('~');
      const whole = raw.trimStart().startsWith('=');
      return { text: normalize(raw.replace(/^\s*[~=]/, '')).trim(), infix, whole };
    });
    if (parts.some((p) => p.text.length === 0 || p.text.includes('|'))) return;
    const termIndex = this.#terms.push({ spec, parts }) - 1;
    parts.forEach((part, partIndex) => {
      let node = 0;
      for (let i = 0; i < part.text.length; i++) {
        const code = part.text.charCodeAt(i);
        let child = this.#next[node]!.get(code);
        if (child === undefined) {
          child = this.#fail.push(0) - 1;
          this.#out.push(NO_OUTPUT);
          this.#next.push(new Map());
          this.#next[node]!.set(code, child);
          if (node === 0) this.#root[code] = child;
        }
        node = child;
      }
      const output = this.#outputs.push({ term: termIndex, part: partIndex, length: part.text.length }) - 1;
      this.#out[node] = [...this.#out[node]!, output];
    });
  }

  #link(): void {
    const queue: number[] = [...this.#next[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [code, child] of this.#next[node]!) {
        this.#fail[child] = this.#stepWhileBuilding(this.#fail[node]!, code, child);
        const inherited = this.#out[this.#fail[child]!]!;
        if (inherited.length > 0) this.#out[child] = [...this.#out[child]!, ...inherited];
        queue.push(child);
      }
    }
  }

  #stepWhileBuilding(node: number, code: number, self: number): number {
    for (;;) {
      const target = this.#next[node]!.get(code);
      if (target !== undefined && target !== self) return target;
      if (node === 0) return 0;
      node = this.#fail[node]!;
    }
  }

  /** Finds every term in `text`, which must already be normalized. */
  scan(text: string): TermHit<T>[] {
    // occurrences[term][part] = positions (in UTF-16 code units of `text`)
    let occurrences: Map<number, { start: number; end: number }[][]> | undefined;
    // Locals for the hot loop: typed arrays, no method calls per character.
    const root = this.#root;
    const edgeStart = this.#edgeStart;
    const edgeCodes = this.#edgeCodes;
    const edgeTargets = this.#edgeTargets;
    const fail = this.#failFlat;
    const outStart = this.#outStart;
    const outList = this.#outList;
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
        const output = this.#outputs[outList[k]!]!;
        const term = this.#terms[output.term]!;
        const part = term.parts[output.part]!;
        const start = end - output.length;
        if (!boundaryOk(text, start, end, part)) continue;
        occurrences ??= new Map();
        let perTerm = occurrences.get(output.term);
        if (!perTerm) {
          perTerm = term.parts.map(() => []);
          occurrences.set(output.term, perTerm);
        }
        const list = perTerm[output.part]!;
        if (list.length < MAX_OCCURRENCES) list.push({ start, end });
      }
    }
    const hits: TermHit<T>[] = [];
    if (!occurrences) return hits;
    for (const [termIndex, perPart] of occurrences) {
      const match = chain(perPart);
      if (match) {
        const spec = this.#terms[termIndex]!.spec;
        hits.push({ value: spec.value, term: spec.term, start: match.start, end: match.end });
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }
}

const SPACE = 32;

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

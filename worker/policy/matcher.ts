import { isUnspacedChar, normalize } from './normalize';

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

interface Node {
  next: Map<string, number>;
  fail: number;
  /** Indices into `outputs` ending at this node, own and inherited through fail links. */
  out: number[];
}

/** Characters allowed between two parts of an `a .. b` term. */
const GAP_CHARS = 40;
/** Occurrences kept per part: bounds the work on adversarial repetitions. */
const MAX_OCCURRENCES = 32;

export class TermMatcher<T> {
  readonly #terms: CompiledTerm<T>[] = [];
  readonly #nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  /** One output per (term, part). */
  readonly #outputs: { term: number; part: number; length: number }[] = [];

  constructor(specs: Iterable<TermSpec<T>>) {
    for (const spec of specs) this.#add(spec);
    this.#link();
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
    if (parts.some((p) => p.text.length === 0)) return;
    const termIndex = this.#terms.push({ spec, parts }) - 1;
    parts.forEach((part, partIndex) => {
      let node = 0;
      for (const ch of part.text) {
        const current = this.#nodes[node]!;
        let child = current.next.get(ch);
        if (child === undefined) {
          child = this.#nodes.push({ next: new Map(), fail: 0, out: [] }) - 1;
          current.next.set(ch, child);
        }
        node = child;
      }
      const output = this.#outputs.push({ term: termIndex, part: partIndex, length: part.text.length }) - 1;
      this.#nodes[node]!.out.push(output);
    });
  }

  #link(): void {
    const queue: number[] = [];
    for (const child of this.#nodes[0]!.next.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const index = queue[head]!;
      const node = this.#nodes[index]!;
      for (const [ch, child] of node.next) {
        let fail = node.fail;
        while (fail !== 0 && !this.#nodes[fail]!.next.has(ch)) fail = this.#nodes[fail]!.fail;
        const target = this.#nodes[fail]!.next.get(ch);
        const childNode = this.#nodes[child]!;
        childNode.fail = target !== undefined && target !== child ? target : 0;
        childNode.out.push(...this.#nodes[childNode.fail]!.out);
        queue.push(child);
      }
    }
  }

  /** Finds every term in `text`, which must already be normalized. */
  scan(text: string): TermHit<T>[] {
    // occurrences[term][part] = start positions (chars, in code units of `text`)
    const occurrences = new Map<number, { start: number; end: number }[][]>();
    let node = 0;
    let index = 0;
    for (const ch of text) {
      const width = ch.length;
      let current = this.#nodes[node]!;
      while (node !== 0 && !current.next.has(ch)) {
        node = current.fail;
        current = this.#nodes[node]!;
      }
      node = current.next.get(ch) ?? 0;
      index += width;
      for (const o of this.#nodes[node]!.out) {
        const output = this.#outputs[o]!;
        const term = this.#terms[output.term]!;
        const part = term.parts[output.part]!;
        const start = index - output.length;
        if (!this.#boundaryOk(text, start, index, part)) continue;
        let perTerm = occurrences.get(output.term);
        if (!perTerm) {
          perTerm = term.parts.map(() => []);
          occurrences.set(output.term, perTerm);
        }
        const list = perTerm[output.part]!;
        if (list.length < MAX_OCCURRENCES) list.push({ start, end: index });
      }
    }
    const hits: TermHit<T>[] = [];
    for (const [termIndex, perPart] of occurrences) {
      const match = chain(perPart);
      if (match) {
        const spec = this.#terms[termIndex]!.spec;
        hits.push({ value: spec.value, term: spec.term, start: match.start, end: match.end });
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }

  #boundaryOk(text: string, start: number, end: number, part: Part): boolean {
    const before = text[start - 1];
    const first = text[start];
    const unspaced = isUnspacedChar(first) || isUnspacedChar(before);
    if (!part.infix && !unspaced && before !== ' ' && before !== undefined) return false;
    if (part.whole && !isUnspacedChar(text[end - 1])) {
      const after = text[end];
      if (after !== ' ' && after !== undefined) return false;
    }
    return true;
  }
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

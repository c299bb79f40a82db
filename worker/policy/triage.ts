import {
  AI_CATEGORIES,
  PRIORITY,
  type AiCategory,
  type Category,
  type HumanCategory,
  type Route,
} from '../../shared/categories';
import { LOCALES, type Locale } from '../../shared/locales';
import { HUMAN_LISTS, type HumanList } from './lexicon';
import { LEXICONS } from './lexicons';
import { TermMatcher, type TermHit } from './matcher';
import { normalize } from './normalize';

export interface Evidence {
  category: Category | 'self_harm';
  term: string;
  locale: Locale;
  /** The words of the message that matched, as normalized text. */
  match: string;
}

export interface TriageDecision {
  route: Route;
  category: Category;
  /** Queue priority, lower first; only meaningful for route `human`. */
  priority: number;
  /** A hint of self-harm: show crisis help now and put the case first. */
  selfHarm: boolean;
  evidence: Evidence[];
}

type RuleKind = HumanList | AiCategory | 'frustration';
interface Rule {
  kind: RuleKind;
  locale: Locale;
}

/** Lists a negation in front of the match can cancel. Safety lists never are. */
const NEGATABLE: ReadonlySet<RuleKind> = new Set(['human_request', 'hardship', 'dispute', 'legal']);
/** How far (in characters of normalized text) a negation cue reaches. */
const NEGATION_REACH_BEFORE = 28;
const NEGATION_REACH_AFTER = 14;

/** Human lists in decision order: the first one that matched names the category. */
const HUMAN_ORDER: readonly HumanList[] = ['self_harm', 'vulnerability', 'fraud', 'hardship', 'legal', 'dispute', 'human_request'];

function* rules(): Generator<{ term: string; value: Rule }> {
  for (const locale of LOCALES) {
    const lexicon = LEXICONS[locale];
    // One rule object per kind and locale, shared by its terms (the isolate keeps them all).
    const rule = (kind: RuleKind): Rule => ({ kind, locale });
    for (const kind of HUMAN_LISTS) {
      const value = rule(kind);
      for (const term of lexicon.human[kind]) yield { term, value };
    }
    for (const kind of AI_CATEGORIES) {
      const value = rule(kind);
      for (const term of lexicon.ai[kind]) yield { term, value };
    }
    const frustration = rule('frustration');
    for (const term of lexicon.frustration) yield { term, value: frustration };
  }
}

function* negations(): Generator<{ term: string; value: 'before' | 'after' }> {
  for (const locale of LOCALES) {
    for (const term of LEXICONS[locale].negation.before) yield { term, value: 'before' };
    for (const term of LEXICONS[locale].negation.after) yield { term, value: 'after' };
  }
}

// Built once per isolate: every locale's rules run on every message, so text in one
// language sent under another locale is still understood.
const ruleMatcher = new TermMatcher(rules());
const negationMatcher = new TermMatcher(negations());

function isNegated(text: string, hit: TermHit<Rule>, cues: TermHit<'before' | 'after'>[]): boolean {
  return cues.some((cue) => {
    if (cue.value === 'before') {
      if (cue.end > hit.start || hit.start - cue.end > NEGATION_REACH_BEFORE) return false;
      return !text.slice(cue.end, hit.start).includes('|');
    }
    if (cue.start < hit.end || cue.start - hit.end > NEGATION_REACH_AFTER) return false;
    return !text.slice(hit.end, cue.start).includes('|');
  });
}

export interface Scan {
  text: string;
  hits: TermHit<Rule>[];
}

/** Longest negation cue we look for, in characters; windows are widened by it. */
const CUE_SPAN = 40;

/** Negation cues near the given hits: only those windows of the text are scanned. */
function negationCues(text: string, near: TermHit<Rule>[]): TermHit<'before' | 'after'>[] {
  const windows: [number, number][] = [];
  for (const hit of near) {
    // Widen to whole words, so a cue is never matched from the middle of one.
    const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, hit.start - NEGATION_REACH_BEFORE - CUE_SPAN)));
    const to = Math.min(text.length, hit.end + NEGATION_REACH_AFTER + CUE_SPAN);
    const last = windows.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  return windows.flatMap(([from, to]) =>
    negationMatcher.scan(text.slice(from, to)).map((cue) => ({ ...cue, start: cue.start + from, end: cue.end + from })),
  );
}

/** All non-negated rule matches in a message. */
export function scan(message: string): Scan {
  const text = normalize(message);
  const hits = ruleMatcher.scan(text);
  const negatable = hits.filter((h) => NEGATABLE.has(h.value.kind));
  if (negatable.length === 0) return { text, hits };
  const cues = negationCues(text, negatable);
  return {
    text,
    hits: hits.filter((h) => !NEGATABLE.has(h.value.kind) || !isNegated(text, h, cues)),
  };
}

function evidenceOf(text: string, hit: TermHit<Rule>, category: Evidence['category']): Evidence {
  return { category, term: hit.term, locale: hit.value.locale, match: text.slice(hit.start, hit.end).trim() };
}

/**
 * Decides whether a person or the AI handles a customer message. Deterministic, no I/O,
 * no model: nothing in the message can instruct it, and it works when the model is down.
 */
export function triage(message: string): TriageDecision {
  const { text, hits } = scan(message);
  for (const list of HUMAN_ORDER) {
    const matched = hits.filter((h) => h.value.kind === list);
    if (matched.length === 0) continue;
    const selfHarm = list === 'self_harm';
    const category: HumanCategory = selfHarm ? 'vulnerability' : (list as HumanCategory);
    const evidence = hits
      .filter((h) => (HUMAN_LISTS as readonly string[]).includes(h.value.kind))
      .map((h) => evidenceOf(text, h, h.value.kind as Evidence['category']));
    return {
      route: 'human',
      category,
      priority: selfHarm ? PRIORITY.self_harm : PRIORITY[category],
      selfHarm,
      evidence,
    };
  }
  const category = bestAiCategory(hits);
  return {
    route: 'ai',
    category,
    priority: PRIORITY.human_request,
    selfHarm: false,
    evidence: hits.filter((h) => h.value.kind === category).map((h) => evidenceOf(text, h, category)),
  };
}

/** The simple intent with the most specific evidence (longer terms weigh more). */
function bestAiCategory(hits: TermHit<Rule>[]): AiCategory {
  const scores = new Map<AiCategory, number>();
  for (const hit of hits) {
    const kind = hit.value.kind;
    if (!(AI_CATEGORIES as readonly string[]).includes(kind)) continue;
    const weight = hit.end - hit.start;
    scores.set(kind as AiCategory, (scores.get(kind as AiCategory) ?? 0) + weight);
  }
  let best: AiCategory = 'general';
  let bestScore = 0;
  for (const category of AI_CATEGORIES) {
    const score = scores.get(category) ?? 0;
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  return best;
}

/** Whether the message shows the customer losing patience with the AI. */
export function showsFrustration(message: string): boolean {
  return scan(message).hits.some((h) => h.value.kind === 'frustration');
}

import { z } from 'zod';
import { AI_CATEGORIES } from '../../shared/categories';

const terms = z.array(z.string().min(1));

/** Human-route lists: `self_harm` is kept apart so it can jump the queue and show crisis help. */
export const HUMAN_LISTS = [
  'self_harm', 'vulnerability', 'fraud', 'hardship', 'legal', 'dispute', 'human_request',
] as const;
export type HumanList = (typeof HUMAN_LISTS)[number];

/** One locale's triage rules, as data (worker/policy/lexicons/<locale>.json). */
export const lexiconSchema = z.object({
  locale: z.string(),
  /** Frequent function words: the language detector's evidence. */
  stopwords: terms,
  /** Cues that cancel a negatable match when they stand just before (or, in verb-final languages, after) it. */
  negation: z.object({ before: terms, after: terms }),
  human: z.object(Object.fromEntries(HUMAN_LISTS.map((k) => [k, terms])) as Record<HumanList, typeof terms>),
  ai: z.object(Object.fromEntries(AI_CATEGORIES.map((k) => [k, terms])) as Record<(typeof AI_CATEGORIES)[number], typeof terms>),
  /** Signs that the customer is losing patience with the AI. */
  frustration: terms,
});

export type Lexicon = z.infer<typeof lexiconSchema>;

/** Triage categories, their route and their place in the queue (lower = more urgent). */
export const HUMAN_CATEGORIES = [
  'vulnerability', 'fraud', 'hardship', 'legal', 'dispute', 'human_request',
] as const;
export const AI_CATEGORIES = [
  'order_status', 'payment_info', 'refund_status', 'refund_request', 'account_help', 'returns', 'general',
] as const;

export type HumanCategory = (typeof HUMAN_CATEGORIES)[number];
export type AiCategory = (typeof AI_CATEGORIES)[number];
export type Category = HumanCategory | AiCategory;
export type Route = 'ai' | 'human';

export const CATEGORIES: readonly Category[] = [...HUMAN_CATEGORIES, ...AI_CATEGORIES];

/** Queue priority: self-harm first, then fraud, then hardship, legal and disputes, then plain requests. */
export const PRIORITY = {
  self_harm: 0,
  vulnerability: 1,
  fraud: 2,
  hardship: 3,
  legal: 3,
  dispute: 3,
  human_request: 4,
  model: 4,
  policy: 4,
} as const;

export function isHumanCategory(category: string): category is HumanCategory {
  return (HUMAN_CATEGORIES as readonly string[]).includes(category);
}

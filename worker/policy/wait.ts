/** Assumed wait per person ahead when no claims have been seen yet. */
export const DEFAULT_CLAIM_WAIT_MS = 3 * 60_000;

/**
 * Expected wait for the `position`-th (1-based) waiting conversation: the median of recent
 * waits, once per round of online agents ahead of it. Null when no agent is online.
 */
export function expectedWaitMs(position: number, agentsOnline: number, recentWaitsMs: number[]): number | null {
  if (agentsOnline <= 0) return null;
  const sorted = [...recentWaitsMs].filter((w) => w >= 0).sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : DEFAULT_CLAIM_WAIT_MS;
  return Math.max(30_000, Math.round(median * Math.ceil(position / agentsOnline)));
}

import { sql } from 'drizzle-orm';
import type { QualityFigures } from '../../shared/metrics';
import type { Db } from '../app-env';

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** How conversations ended and how fast: the operator's quality figures. */
export async function qualityFigures(db: Db): Promise<QualityFigures> {
  const [totals] = await db.all<{ total: number; handed: number }>(sql`
    SELECT COUNT(*) AS total,
           SUM(CASE WHEN EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = c.id) THEN 1 ELSE 0 END) AS handed
    FROM conversations c
    WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.author = 'customer')`);
  const [rating] = await db.all<{ average: number | null; count: number }>(sql`SELECT AVG(score) AS average, COUNT(*) AS count FROM ratings`);
  const ttft = await db.all<{ ms: number }>(sql`SELECT first_token_ms AS ms FROM messages WHERE first_token_ms IS NOT NULL ORDER BY created_at DESC LIMIT 1000`);
  const waits = await db.all<{ ms: number }>(sql`SELECT claimed_at - created_at AS ms FROM handoffs WHERE claimed_at IS NOT NULL ORDER BY created_at DESC LIMIT 1000`);
  const reasons = await db.all<{ category: string; count: number }>(sql`
    SELECT category, COUNT(*) AS count FROM handoffs GROUP BY category ORDER BY count DESC`);
  const total = totals?.total ?? 0;
  const handed = totals?.handed ?? 0;
  return {
    conversations: total,
    containment: total ? (total - handed) / total : null,
    handoffRate: total ? handed / total : null,
    csat: { average: rating?.average ?? null, count: rating?.count ?? 0 },
    firstTokenMsMedian: median(ttft.map((r) => r.ms)),
    timeToHumanMsMedian: median(waits.map((r) => r.ms)),
    handoffReasons: reasons,
  };
}

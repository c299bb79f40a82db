import { sql } from 'drizzle-orm';
import type { QueueItem } from '../../shared/protocol';
import type { Db } from '../app-env';

/** Waiting and claimed hand-offs, most urgent first (priority, then waiting time). */
export async function loadQueue(db: Db): Promise<QueueItem[]> {
  const rows = await db.all<{
    handoff_id: string; conversation_id: string; category: string; reason: string; priority: number;
    locale: string; customer_id: string | null; created_at: number; status: 'queued' | 'claimed'; agent_id: string | null; agent_name: string | null;
  }>(sql`
    SELECT h.id AS handoff_id, h.conversation_id, h.category, h.reason, h.priority, c.locale, c.customer_id,
           h.created_at, h.status, h.agent_id, a.name AS agent_name
    FROM handoffs h JOIN conversations c ON c.id = h.conversation_id LEFT JOIN agents a ON a.id = h.agent_id
    WHERE h.status IN ('queued', 'claimed') AND c.status IN ('queued', 'human')
    ORDER BY CASE h.status WHEN 'queued' THEN 0 ELSE 1 END, h.priority, h.created_at
    LIMIT 200`);
  return rows.map((r) => ({
    handoffId: r.handoff_id,
    conversationId: r.conversation_id,
    category: r.category,
    reason: r.reason,
    priority: r.priority,
    locale: r.locale,
    signedIn: r.customer_id !== null,
    createdAt: r.created_at,
    status: r.status,
    agentId: r.agent_id,
    agentName: r.agent_name,
  }));
}

/** How long the last claimed hand-offs waited, newest first. */
export async function recentWaits(db: Db, limit = 20): Promise<number[]> {
  const rows = await db.all<{ wait: number }>(sql`
    SELECT claimed_at - created_at AS wait FROM handoffs WHERE claimed_at IS NOT NULL ORDER BY claimed_at DESC LIMIT ${limit}`);
  return rows.map((r) => r.wait);
}

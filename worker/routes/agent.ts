import { asc, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { conversations, handoffs } from '../../db/schema';
import type { AppEnv } from '../app-env';
import { requireAgent } from '../middleware/session';

export const agent = new Hono<AppEnv>().get('/queue', async (c) => {
  requireAgent(c);
  const rows = await c.var.db
    .select({
      id: handoffs.id,
      conversationId: handoffs.conversationId,
      category: handoffs.category,
      reason: handoffs.reason,
      priority: handoffs.priority,
      source: handoffs.source,
      createdAt: handoffs.createdAt,
      locale: conversations.locale,
      signedIn: conversations.customerId,
    })
    .from(handoffs)
    .innerJoin(conversations, eq(conversations.id, handoffs.conversationId))
    .where(inArray(handoffs.status, ['queued']))
    .orderBy(asc(handoffs.priority), asc(handoffs.createdAt));
  return c.json({ queue: rows.map((r) => ({ ...r, signedIn: r.signedIn !== null, waitingMs: Date.now() - r.createdAt })) });
});

import { and, eq, inArray, sql } from 'drizzle-orm';
import { handoffs } from '../../db/schema';
import type { Db } from '../app-env';
import { appendMessage } from './messages';

export type HandoffSource = 'triage' | 'customer' | 'model' | 'policy';

export interface HandoffRequest {
  conversationId: string;
  category: string;
  reason: string;
  priority: number;
  source: HandoffSource;
  caseCard?: Record<string, unknown>;
  /** The system event the customer sees, already in their language. */
  notice: string;
}

export interface HandoffResult {
  handoffId: string;
  /** False when the conversation was already waiting for or talking to a person. */
  created: boolean;
  noticeSeq: number | null;
}

/**
 * Moves a conversation from the AI to the queue (`ai → queued`), atomically: the status
 * only changes if it still is `ai`, so concurrent hand-offs make one queue entry. A more
 * urgent reason raises the priority of an entry that is already waiting.
 */
export async function handOff(db: Db, req: HandoffRequest): Promise<HandoffResult> {
  const moved = await db.run(sql`
    UPDATE conversations SET status = 'queued', outcome = 'handed_off', updated_at = unixepoch('subsec') * 1000
    WHERE id = ${req.conversationId} AND status IN ('ai', 'resolved')`);
  if (moved.meta.changes === 0) {
    const open = await db.query.handoffs.findFirst({
      where: and(eq(handoffs.conversationId, req.conversationId), inArray(handoffs.status, ['queued', 'claimed'])),
    });
    if (open) {
      if (req.priority < open.priority) {
        await db.run(sql`UPDATE handoffs SET priority = ${req.priority}, category = ${req.category}, reason = ${req.reason} WHERE id = ${open.id}`);
      }
      return { handoffId: open.id, created: false, noticeSeq: null };
    }
  }
  const handoffId = crypto.randomUUID();
  await db.insert(handoffs).values({
    id: handoffId,
    conversationId: req.conversationId,
    category: req.category,
    reason: req.reason,
    priority: req.priority,
    source: req.source,
    status: 'queued',
    caseCard: req.caseCard ?? null,
  });
  const notice = await appendMessage(db, {
    id: crypto.randomUUID(),
    conversationId: req.conversationId,
    author: 'system',
    text: req.notice,
    parts: [{ type: 'text', text: req.notice }, { type: 'data-handoff', data: { status: 'queued', category: req.category } }],
  });
  return { handoffId, created: true, noticeSeq: notice?.seq ?? null };
}

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
  noticeId: string | null;
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
      return { handoffId: open.id, created: false, noticeId: null };
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
  const noticeId = crypto.randomUUID();
  await appendMessage(db, {
    id: noticeId,
    conversationId: req.conversationId,
    author: 'system',
    text: req.notice,
    parts: [{ type: 'text', text: req.notice }, { type: 'data-handoff', data: { status: 'queued', category: req.category } }],
  });
  return { handoffId, created: true, noticeId };
}

export type TransitionError = 'not_found' | 'already_claimed' | 'not_yours' | 'wrong_state';

/**
 * An agent claims a waiting conversation (`queued → human`). One statement decides the
 * race: only the first agent finds it still queued.
 */
export async function claim(db: Db, conversationId: string, agentId: string): Promise<{ ok: true } | { ok: false; error: TransitionError }> {
  const moved = await db.run(sql`
    UPDATE conversations SET status = 'human', updated_at = unixepoch('subsec') * 1000
    WHERE id = ${conversationId} AND status = 'queued'`);
  if (moved.meta.changes === 0) {
    const conv = await db.query.conversations.findFirst({ where: (c, { eq }) => eq(c.id, conversationId) });
    return { ok: false, error: !conv ? 'not_found' : conv.status === 'human' ? 'already_claimed' : 'wrong_state' };
  }
  await db.run(sql`
    UPDATE handoffs SET status = 'claimed', agent_id = ${agentId}, claimed_at = unixepoch('subsec') * 1000
    WHERE conversation_id = ${conversationId} AND status = 'queued'`);
  return { ok: true };
}

/** The agent who owns the conversation now, if a person owns it. */
export async function owningAgent(db: Db, conversationId: string): Promise<string | null> {
  const row = await db.get<{ agent_id: string | null } | undefined>(sql`
    SELECT h.agent_id FROM handoffs h JOIN conversations c ON c.id = h.conversation_id
    WHERE h.conversation_id = ${conversationId} AND h.status = 'claimed' AND c.status = 'human'
    ORDER BY h.created_at DESC LIMIT 1`);
  return row?.agent_id ?? null;
}

type Ending = 'resolve' | 'handback' | 'release';

const ENDINGS: Record<Ending, { status: string; outcome: string | null; handoffStatus: string }> = {
  resolve: { status: 'resolved', outcome: 'resolved_by_human', handoffStatus: 'resolved' },
  handback: { status: 'ai', outcome: null, handoffStatus: 'resolved' },
  release: { status: 'queued', outcome: null, handoffStatus: 'queued' },
};

/**
 * Ends a person's ownership: resolved, handed back to the AI (the only way back to `ai`),
 * or released to the queue. Only the owning agent, or a supervisor, may do it.
 */
export async function endOwnership(
  db: Db,
  conversationId: string,
  actor: { agentId: string; supervisor: boolean },
  ending: Ending,
): Promise<{ ok: true } | { ok: false; error: TransitionError }> {
  const owner = await owningAgent(db, conversationId);
  if (!owner) return { ok: false, error: 'wrong_state' };
  if (owner !== actor.agentId && !actor.supervisor) return { ok: false, error: 'not_yours' };
  const e = ENDINGS[ending];
  const moved = await db.run(sql`
    UPDATE conversations SET status = ${e.status}, outcome = COALESCE(${e.outcome}, outcome), updated_at = unixepoch('subsec') * 1000
    WHERE id = ${conversationId} AND status = 'human'`);
  if (moved.meta.changes === 0) return { ok: false, error: 'wrong_state' };
  await db.run(sql`
    UPDATE handoffs SET status = ${e.handoffStatus},
      agent_id = CASE WHEN ${ending} = 'release' THEN NULL ELSE agent_id END,
      resolved_at = CASE WHEN ${ending} = 'release' THEN NULL ELSE unixepoch('subsec') * 1000 END
    WHERE conversation_id = ${conversationId} AND status = 'claimed'`);
  return { ok: true };
}

/** A supervisor gives a claimed or waiting conversation to another agent. */
export async function assign(db: Db, conversationId: string, agentId: string): Promise<boolean> {
  const moved = await db.run(sql`
    UPDATE conversations SET status = 'human', updated_at = unixepoch('subsec') * 1000
    WHERE id = ${conversationId} AND status IN ('queued', 'human')`);
  if (moved.meta.changes === 0) return false;
  await db.run(sql`
    UPDATE handoffs SET status = 'claimed', agent_id = ${agentId}, claimed_at = COALESCE(claimed_at, unixepoch('subsec') * 1000)
    WHERE conversation_id = ${conversationId} AND status IN ('queued', 'claimed')`);
  return true;
}

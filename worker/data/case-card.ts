import { asc, eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema';
import type { Db } from '../app-env';
import type { ConversationRow } from './conversations';
import { latestHandoff } from './conversations';
import { listMessages } from './messages';

export interface CaseCard {
  reason: string;
  category: string;
  source: string;
  /** What the customer wants, in their own words (their latest messages). */
  wants: string[];
  signedIn: boolean;
  /** What the tools did: look-ups and refunds. */
  toolActions: { action: string; detail: Record<string, unknown> | null; at: number }[];
  /** What the AI told the customer, newest last. */
  aiSaid: string[];
  evidence: unknown[];
  selfHarm: boolean;
}

/**
 * The agent's case card, built from recorded facts, so the customer never has to repeat
 * themselves: why, what they want, whether they are signed in, what tools did, what the
 * AI said.
 */
export async function buildCaseCard(db: Db, conversation: ConversationRow): Promise<CaseCard> {
  const [handoff, messages, events] = await Promise.all([
    latestHandoff(db, conversation.id),
    listMessages(db, conversation.id),
    db.select().from(auditEvents).where(eq(auditEvents.conversationId, conversation.id)).orderBy(asc(auditEvents.createdAt)),
  ]);
  const stored = (handoff?.caseCard ?? {}) as { evidence?: unknown[]; selfHarm?: boolean };
  return {
    reason: handoff?.reason ?? '',
    category: handoff?.category ?? '',
    source: handoff?.source ?? '',
    wants: messages.filter((m) => m.author === 'customer').slice(-3).map((m) => m.text),
    signedIn: conversation.customerId !== null,
    toolActions: events
      .filter((e) => e.actor === 'ai')
      .map((e) => ({ action: e.action, detail: e.detail, at: e.createdAt })),
    aiSaid: messages.filter((m) => m.author === 'ai').slice(-3).map((m) => m.text),
    evidence: stored.evidence ?? [],
    selfHarm: stored.selfHarm ?? false,
  };
}

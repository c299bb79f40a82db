import { asc, eq, gt, and } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { messages } from '../../db/schema';
import type { Db } from '../app-env';

import type { Author } from '../../shared/protocol';

export interface NewMessage {
  id: string;
  conversationId: string;
  author: Author;
  text: string;
  parts?: unknown[] | null;
  agentId?: string | null;
  replyTo?: string | null;
  locale?: string | null;
  model?: string | null;
  firstTokenMs?: number | null;
  /** For AI replies: store nothing once a person has taken the conversation over. */
  unlessHumanOwns?: boolean;
}

export type StoredMessage = typeof messages.$inferSelect;

/**
 * Stores a message once by its id and gives it the conversation's next sequence number,
 * in one statement so concurrent writers cannot take the same number. Returns null when
 * a message with this id (or a reply to the same message) already exists.
 */
export async function appendMessage(db: Db, m: NewMessage): Promise<{ seq: number } | null> {
  const row = await db.get<{ seq: number } | undefined>(sql`
    INSERT INTO messages (id, conversation_id, seq, author, agent_id, text, parts, reply_to, locale, model, first_token_ms)
    SELECT * FROM (
      SELECT ${m.id}, ${m.conversationId}, COALESCE(MAX(seq), 0) + 1, ${m.author}, ${m.agentId ?? null}, ${m.text},
             ${m.parts ? JSON.stringify(m.parts) : null}, ${m.replyTo ?? null}, ${m.locale ?? null}, ${m.model ?? null},
             ${m.firstTokenMs ?? null}
      FROM messages WHERE conversation_id = ${m.conversationId})
    WHERE ${m.unlessHumanOwns ? 1 : 0} = 0
       OR (SELECT status FROM conversations WHERE id = ${m.conversationId}) IN ('ai', 'queued')
    ON CONFLICT DO NOTHING
    RETURNING seq`);
  // The conversation's updated_at follows by a trigger (migration 0001).
  return row ? { seq: row.seq } : null;
}

export function listMessages(db: Db, conversationId: string, afterSeq = 0): Promise<StoredMessage[]> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq)))
    .orderBy(asc(messages.seq));
}

export async function getMessage(db: Db, id: string): Promise<StoredMessage | undefined> {
  return db.query.messages.findFirst({ where: eq(messages.id, id) });
}

export async function getReplyTo(db: Db, customerMessageId: string): Promise<StoredMessage | undefined> {
  return db.query.messages.findFirst({ where: eq(messages.replyTo, customerMessageId) });
}

/** The public shape of a message, as the client and the contract see it. */
export function toApiMessage(m: StoredMessage) {
  return {
    id: m.id,
    seq: m.seq,
    author: m.author,
    text: m.text,
    parts: m.parts ?? [{ type: 'text', text: m.text }],
    agentId: m.agentId,
    createdAt: m.createdAt,
  };
}

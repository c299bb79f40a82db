import { desc, eq, sql } from 'drizzle-orm';
import { conversations, handoffs, messages } from '../../db/schema';
import type { Db, Session } from '../app-env';

export type ConversationRow = typeof conversations.$inferSelect;
export type Owner = Extract<Session, { kind: 'customer' } | { kind: 'visitor' }>;

const ownerColumns = (owner: Owner) =>
  owner.kind === 'customer' ? { customerId: owner.customerId, visitorId: null } : { customerId: null, visitorId: owner.visitorId };

export function isOwner(conversation: ConversationRow, owner: Owner): boolean {
  return owner.kind === 'customer'
    ? conversation.customerId === owner.customerId
    : conversation.visitorId === owner.visitorId;
}

export function getConversation(db: Db, id: string) {
  return db.query.conversations.findFirst({ where: eq(conversations.id, id) });
}

/** The conversation if it belongs to `owner`; someone else's is reported as missing. */
export async function getOwnedConversation(db: Db, id: string, owner: Owner) {
  const conversation = await getConversation(db, id);
  return conversation && isOwner(conversation, owner) ? conversation : undefined;
}

/** Creates the conversation with the id the client made, or returns it if it exists. */
export async function ensureConversation(db: Db, id: string, owner: Owner, locale: string) {
  await db.insert(conversations).values({ id, locale, ...ownerColumns(owner) }).onConflictDoNothing();
  return getOwnedConversation(db, id, owner);
}

export async function listConversations(db: Db, owner: Owner) {
  const where = owner.kind === 'customer' ? eq(conversations.customerId, owner.customerId) : eq(conversations.visitorId, owner.visitorId);
  return db
    .select({
      id: conversations.id,
      status: conversations.status,
      title: conversations.title,
      updatedAt: conversations.updatedAt,
      lastMessage: sql<string | null>`(SELECT text FROM ${messages} WHERE ${messages.conversationId} = ${conversations.id} ORDER BY seq DESC LIMIT 1)`,
      lastSeq: sql<number>`(SELECT COALESCE(MAX(seq), 0) FROM ${messages} WHERE ${messages.conversationId} = ${conversations.id})`,
    })
    .from(conversations)
    .where(where)
    .orderBy(desc(conversations.updatedAt));
}

/** The conversation's most recent hand-off, whatever its state. */
export function latestHandoff(db: Db, conversationId: string) {
  return db.query.handoffs.findFirst({
    where: eq(handoffs.conversationId, conversationId),
    orderBy: desc(handoffs.createdAt),
  });
}

export async function setTitleOnce(db: Db, id: string, title: string) {
  await db.run(sql`UPDATE conversations SET title = ${title.slice(0, 80)} WHERE id = ${id} AND title IS NULL`);
}

export async function recordModelOutcome(db: Db, id: string, failed: boolean): Promise<number> {
  const row = await db.get<{ model_failures: number }>(sql`
    UPDATE conversations SET model_failures = CASE WHEN ${failed ? 1 : 0} = 1 THEN model_failures + 1 ELSE 0 END
    WHERE id = ${id} RETURNING model_failures`);
  return row?.model_failures ?? 0;
}

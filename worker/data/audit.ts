import { auditEvents } from '../../db/schema';
import type { Db } from '../app-env';

export interface AuditEntry {
  actor: string;
  action: string;
  conversationId?: string | null;
  customerId?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends to the audit log: every tool action and every decision a person makes. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    id: crypto.randomUUID(),
    actor: entry.actor,
    action: entry.action,
    conversationId: entry.conversationId ?? null,
    customerId: entry.customerId ?? null,
    detail: entry.detail ?? null,
  });
}

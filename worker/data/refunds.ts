import { eq, sql } from 'drizzle-orm';
import { orders, refunds } from '../../db/schema';
import type { Db } from '../app-env';
import { checkRefund, type RefundRefusal } from '../policy/refunds';

export type RefundRow = typeof refunds.$inferSelect;

export type RefundOutcome =
  | { kind: 'refused'; reason: RefundRefusal; refundableMinor: number; currency?: string }
  | { kind: 'created' | 'existing'; refund: RefundRow; needsApproval: boolean };

export interface RefundRequest {
  customerId: string;
  orderId: string;
  /** Omitted: everything that is left to refund. */
  amountMinor?: number;
  conversationId: string | null;
  reason?: string;
  autoLimits: Record<string, number>;
}

async function refundedMinor(db: Db, orderId: string): Promise<number> {
  const row = await db.get<{ total: number }>(
    sql`SELECT COALESCE(SUM(amount_minor), 0) AS total FROM refunds WHERE order_id = ${orderId} AND status != 'rejected'`,
  );
  return row.total;
}

/**
 * Creates a refund if the policy allows it. Idempotent: the same customer, order, amount
 * and conversation always map to one refund, also under concurrent calls; and the check
 * against what was paid is repeated inside the insert, so two different concurrent
 * refunds can never add up to more than was paid.
 */
export async function requestRefund(db: Db, req: RefundRequest): Promise<RefundOutcome> {
  const order = await db.query.orders.findFirst({ where: eq(orders.id, req.orderId) });
  const already = await refundedMinor(db, req.orderId);
  const owned = order?.customerId === req.customerId ? order : undefined;
  const amountMinor = req.amountMinor ?? Math.max(0, (owned?.paidMinor ?? 0) - already);
  const key = `${req.customerId}:${req.orderId}:${amountMinor}:${req.conversationId ?? '-'}`;

  const existing = await db.query.refunds.findFirst({ where: eq(refunds.idempotencyKey, key) });
  if (existing) return { kind: 'existing', refund: existing, needsApproval: existing.status === 'pending_approval' };

  const decision = checkRefund({
    order: owned,
    customerId: req.customerId,
    refundedMinor: already,
    amountMinor,
    autoLimits: req.autoLimits,
  });
  if (!decision.ok) return { kind: 'refused', reason: decision.reason, refundableMinor: decision.refundableMinor, currency: owned?.currency };
  const o = owned!;
  const status = decision.needsApproval ? 'pending_approval' : 'approved';
  const inserted = await db.get<{ id: string } | undefined>(sql`
    INSERT INTO refunds (id, order_id, customer_id, amount_minor, currency, status, idempotency_key, reason, conversation_id)
    SELECT ${crypto.randomUUID()}, ${o.id}, ${req.customerId}, ${amountMinor}, ${o.currency}, ${status}, ${key},
           ${req.reason ?? null}, ${req.conversationId}
    WHERE (SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE order_id = ${o.id} AND status != 'rejected')
          + ${amountMinor} <= ${o.paidMinor}
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id`);
  const refund = await db.query.refunds.findFirst({ where: eq(refunds.idempotencyKey, key) });
  if (!refund) return { kind: 'refused', reason: 'exceeds_paid', refundableMinor: Math.max(0, o.paidMinor - (await refundedMinor(db, o.id))), currency: o.currency };
  return { kind: inserted ? 'created' : 'existing', refund, needsApproval: refund.status === 'pending_approval' };
}

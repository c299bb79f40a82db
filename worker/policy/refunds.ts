import { toMinor } from '../../shared/format';

export type RefundRefusal = 'not_found' | 'not_refundable' | 'exceeds_paid' | 'invalid_amount';

export interface RefundCheckInput {
  /** The order as stored, or undefined when it does not exist. */
  order: { customerId: string; status: string; paidMinor: number; currency: string } | undefined;
  /** The session's customer: identity never comes from the model. */
  customerId: string;
  /** Sum of the order's refunds that were not rejected. */
  refundedMinor: number;
  amountMinor: number;
  /** Operator's automatic limits per currency, in major units. */
  autoLimits: Record<string, number>;
}

export type RefundDecision =
  | { ok: false; reason: RefundRefusal; refundableMinor: number }
  | { ok: true; needsApproval: boolean; refundableMinor: number };

const REFUNDABLE_STATUSES = new Set(['returned', 'cancelled']);

/**
 * The company's refund rule: only the customer's own returned or cancelled order, never
 * more than was paid minus what was refunded, and above the automatic limit for the
 * currency (or with no limit configured) a person approves it.
 */
export function checkRefund(input: RefundCheckInput): RefundDecision {
  const { order } = input;
  // Someone else's order is reported exactly like a missing one: no information leaks.
  if (!order || order.customerId !== input.customerId) return { ok: false, reason: 'not_found', refundableMinor: 0 };
  const refundableMinor = Math.max(0, order.paidMinor - input.refundedMinor);
  if (!REFUNDABLE_STATUSES.has(order.status)) return { ok: false, reason: 'not_refundable', refundableMinor };
  if (!Number.isInteger(input.amountMinor) || input.amountMinor <= 0) return { ok: false, reason: 'invalid_amount', refundableMinor };
  if (input.amountMinor > refundableMinor) return { ok: false, reason: 'exceeds_paid', refundableMinor };
  const limit = input.autoLimits[order.currency];
  const needsApproval = limit === undefined || input.amountMinor > toMinor(limit, order.currency);
  return { ok: true, needsApproval, refundableMinor };
}

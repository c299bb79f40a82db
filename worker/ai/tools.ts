import { tool } from 'ai';
import { z } from 'zod';
import { HUMAN_CATEGORIES } from '../../shared/categories';
import { formatDate, formatMoney, toMinor } from '../../shared/format';
import type { Locale } from '../../shared/locales';
import type { Config } from '../config';
import type { Db } from '../app-env';
import { audit } from '../data/audit';
import { getCustomer, getOwnOrder, listInstalments, listOrders, type OrderWithDetails } from '../data/orders';
import { requestRefund } from '../data/refunds';
import { searchHelpCenter } from '../data/kb';
import { KB_SLUGS } from '../../shared/kb';

export interface ToolContext {
  db: Db;
  config: Config;
  /** From the session, never from the model. Null for a visitor. */
  customerId: string | null;
  conversationId: string;
  locale: Locale;
  /** Hands the conversation to a person; used by `handoff_to_human` and by refunds that need approval. */
  handOff: (category: string, summary: string, source: 'model' | 'policy') => Promise<void>;
}

export const SIGN_IN_REQUIRED = { error: 'sign_in_required' } as const;

function orderView(o: OrderWithDetails, locale: Locale) {
  const money = (minor: number) => formatMoney(minor, o.currency, locale);
  const refunded = o.refunds.filter((r) => r.status !== 'rejected').reduce((sum, r) => sum + r.amountMinor, 0);
  return {
    id: o.id,
    merchant: o.merchant,
    status: o.status,
    items: o.items.map((i) => (i.quantity > 1 ? `${i.quantity} × ${i.name}` : i.name)).join(', '),
    total: money(o.totalMinor),
    paid: money(o.paidMinor),
    refundable: ['returned', 'cancelled'].includes(o.status) ? money(Math.max(0, o.paidMinor - refunded)) : null,
    currency: o.currency,
    placedAt: formatDate(o.placedAt, locale),
    estimatedDelivery: o.estimatedDelivery ? formatDate(o.estimatedDelivery, locale) : null,
    deliveredAt: o.deliveredAt ? formatDate(o.deliveredAt, locale) : null,
    returnReceivedAt: o.returnReceivedAt ? formatDate(o.returnReceivedAt, locale) : null,
    carrier: o.carrier,
    trackingUrl: o.trackingUrl,
    refunds: o.refunds.map((r) => ({ amount: money(r.amountMinor), status: r.status })),
  };
}
export type OrderView = ReturnType<typeof orderView>;

/**
 * The tools the model may call. Each acts only for the session's customer, validates its
 * input with zod, and writes an audit event.
 */
export function createTools(ctx: ToolContext) {
  const record = (action: string, detail: Record<string, unknown>) =>
    audit(ctx.db, { actor: 'ai', action, conversationId: ctx.conversationId, customerId: ctx.customerId, detail });

  return {
    get_account_summary: tool({
      description: "The signed-in customer's name, country, currency and counts of orders and open payments.",
      inputSchema: z.object({}),
      execute: async () => {
        if (!ctx.customerId) return SIGN_IN_REQUIRED;
        const [customer, orders, instalments] = await Promise.all([
          getCustomer(ctx.db, ctx.customerId),
          listOrders(ctx.db, ctx.customerId),
          listInstalments(ctx.db, ctx.customerId),
        ]);
        await record('get_account_summary', {});
        return {
          name: customer?.name,
          country: customer?.country,
          currency: customer?.currency,
          orders: orders.length,
          openPayments: instalments.filter((i) => i.status !== 'paid').length,
        };
      },
    }),

    list_orders: tool({
      description: "The signed-in customer's orders, newest first, with status, delivery, tracking and refunds.",
      inputSchema: z.object({}),
      execute: async () => {
        if (!ctx.customerId) return SIGN_IN_REQUIRED;
        const orders = await listOrders(ctx.db, ctx.customerId);
        await record('list_orders', { count: orders.length });
        return { orders: orders.map((o) => orderView(o, ctx.locale)) };
      },
    }),

    get_order: tool({
      description: 'One order of the signed-in customer by its order number.',
      inputSchema: z.object({ orderId: z.string().min(1).max(40).describe('The order number') }),
      execute: async ({ orderId }) => {
        if (!ctx.customerId) return SIGN_IN_REQUIRED;
        const wanted = orderId.replace(/[^0-9A-Za-z-]/g, '');
        const order = await getOwnOrder(ctx.db, ctx.customerId, wanted);
        await record('get_order', { orderId: wanted, found: Boolean(order) });
        return order ? { order: orderView(order, ctx.locale) } : { error: 'order_not_found', orderId: wanted };
      },
    }),

    get_payment_schedule: tool({
      description: "The signed-in customer's instalments: due dates, amounts and what is still owed.",
      inputSchema: z.object({}),
      execute: async () => {
        if (!ctx.customerId) return SIGN_IN_REQUIRED;
        const [customer, instalments] = await Promise.all([getCustomer(ctx.db, ctx.customerId), listInstalments(ctx.db, ctx.customerId)]);
        const currency = customer?.currency ?? 'EUR';
        const open = instalments.filter((i) => i.status !== 'paid');
        await record('get_payment_schedule', { open: open.length });
        return {
          currency,
          remaining: formatMoney(open.reduce((s, i) => s + i.amountMinor, 0), currency, ctx.locale),
          instalments: open.map((i) => ({
            orderId: i.orderId,
            number: i.number,
            dueDate: formatDate(i.dueDate, ctx.locale),
            amount: formatMoney(i.amountMinor, currency, ctx.locale),
            status: i.status,
          })),
        };
      },
    }),

    search_help_center: tool({
      description: "Searches the help centre in the customer's language (English as fallback).",
      inputSchema: z.object({
        query: z.string().min(1).max(500),
        topic: z.enum(KB_SLUGS).optional().describe('The article topic when it is known'),
      }),
      execute: async ({ query, topic }) => {
        const articles = await searchHelpCenter(ctx.db, ctx.locale, query, topic);
        await record('search_help_center', { query: query.slice(0, 200), topic, found: articles.map((a) => a.slug) });
        return { articles };
      },
    }),

    request_refund: tool({
      description:
        "Refunds a returned or cancelled order of the signed-in customer. Omit the amount to refund what is left. Large refunds wait for a person's approval.",
      inputSchema: z.object({
        orderId: z.string().min(1).max(40),
        amount: z.number().positive().optional().describe('In the currency of the order, e.g. 49.90'),
        reason: z.string().max(500).optional(),
      }),
      execute: async ({ orderId, amount, reason }) => {
        if (!ctx.customerId) return SIGN_IN_REQUIRED;
        const wanted = orderId.replace(/[^0-9A-Za-z-]/g, '');
        const order = await getOwnOrder(ctx.db, ctx.customerId, wanted);
        const outcome = await requestRefund(ctx.db, {
          customerId: ctx.customerId,
          orderId: wanted,
          amountMinor: amount !== undefined && order ? toMinor(amount, order.currency) : undefined,
          conversationId: ctx.conversationId,
          reason,
          autoLimits: ctx.config.REFUND_AUTO_LIMITS,
        });
        await record('request_refund', { orderId: wanted, amount, outcome: outcome.kind, ...(outcome.kind === 'refused' ? { reason: outcome.reason } : { refundId: outcome.refund.id, status: outcome.refund.status }) });
        if (outcome.kind === 'refused') {
          return {
            refused: outcome.reason,
            orderId: wanted,
            refundable: outcome.currency ? formatMoney(outcome.refundableMinor, outcome.currency, ctx.locale) : null,
          };
        }
        const { refund } = outcome;
        if (outcome.kind === 'created' && outcome.needsApproval) {
          await ctx.handOff('refund_approval', `Refund of ${formatMoney(refund.amountMinor, refund.currency, 'en')} for order ${refund.orderId} needs approval`, 'policy');
        }
        return {
          outcome: outcome.kind,
          orderId: refund.orderId,
          amount: formatMoney(refund.amountMinor, refund.currency, ctx.locale),
          status: refund.status,
          needsApproval: outcome.needsApproval,
        };
      },
    }),

    handoff_to_human: tool({
      description:
        'Hands the conversation to a person. Use it when the customer asks for one, when you are unsure, or for fraud, disputes, financial hardship, vulnerable customers or legal matters.',
      inputSchema: z.object({
        category: z.enum([...HUMAN_CATEGORIES, 'other']),
        summary: z.string().min(1).max(1000).describe('What the customer wants and what was done, for the agent'),
      }),
      execute: async ({ category, summary }) => {
        await ctx.handOff(category, summary, 'model');
        await record('handoff_to_human', { category, summary });
        return { handedOff: true, category };
      },
    }),
  };
}

export type BatonTools = ReturnType<typeof createTools>;

import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, refunds } from '../../db/schema';
import { createTools } from '../../worker/ai/tools';
import { readConfig } from '../../worker/config';
import { openDb } from '../../worker/data/db';

const db = openDb(env.DB);
const EMMA_RETURNED = '44308774';
const EMMA_IN_TRANSIT = '44108031';
const LARS_RETURNED = '46308774';
const call = { toolCallId: 't', messages: [], context: {} };

function toolsFor(customerId: string | null, overrides: { limits?: Record<string, number> } = {}) {
  const handOffs: { category: string; summary: string }[] = [];
  const config = { ...readConfig(env), ...(overrides.limits ? { REFUND_AUTO_LIMITS: overrides.limits } : {}) };
  const tools = createTools({
    db,
    config,
    customerId,
    conversationId: crypto.randomUUID(),
    locale: 'en',
    handOff: async (category, summary) => {
      handOffs.push({ category, summary });
    },
  });
  return { tools, handOffs };
}

describe('tools act only for the session customer', () => {
  it("lists only the customer's own orders", async () => {
    const { tools } = toolsFor('cus_emma');
    const result = (await tools.list_orders.execute!({}, call)) as { orders: { id: string }[] };
    expect(result.orders.map((o) => o.id).sort()).toEqual(['44108031', '44208552', '44308774']);
  });

  it("reports someone else's order as not found", async () => {
    const { tools } = toolsFor('cus_emma');
    expect(await tools.get_order.execute!({ orderId: LARS_RETURNED }, call)).toMatchObject({ error: 'order_not_found' });
    expect(await tools.request_refund.execute!({ orderId: LARS_RETURNED }, call)).toMatchObject({ refused: 'not_found' });
  });

  it('asks a visitor to sign in for account tools', async () => {
    const { tools } = toolsFor(null);
    expect(await tools.list_orders.execute!({}, call)).toEqual({ error: 'sign_in_required' });
    expect(await tools.request_refund.execute!({ orderId: EMMA_RETURNED }, call)).toEqual({ error: 'sign_in_required' });
  });

  it('writes an audit event for every tool action', async () => {
    const { tools } = toolsFor('cus_emma');
    await tools.get_payment_schedule.execute!({}, call);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.action, 'get_payment_schedule'));
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ actor: 'ai', customerId: 'cus_emma' });
  });
});

describe('request_refund', () => {
  it('refuses an order that has not been returned', async () => {
    const { tools } = toolsFor('cus_emma');
    expect(await tools.request_refund.execute!({ orderId: EMMA_IN_TRANSIT }, call)).toMatchObject({ refused: 'not_refundable' });
  });

  it('refuses more than was paid', async () => {
    const { tools } = toolsFor('cus_emma');
    expect(await tools.request_refund.execute!({ orderId: EMMA_RETURNED, amount: 64.01 }, call)).toMatchObject({ refused: 'exceeds_paid' });
  });

  it('makes exactly one refund under concurrent identical calls', async () => {
    const { tools } = toolsFor('cus_emma');
    const results = await Promise.all(Array.from({ length: 6 }, () => tools.request_refund.execute!({ orderId: EMMA_RETURNED }, call)));
    const rows = await db.select().from(refunds).where(eq(refunds.orderId, EMMA_RETURNED));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amountMinor: 6400, status: 'approved', currency: 'GBP' });
    expect(results.filter((r) => (r as { outcome?: string }).outcome === 'created')).toHaveLength(1);
    expect(results.every((r) => (r as { amount?: string }).amount === '£64.00')).toBe(true);
  });

  it('never lets different concurrent refunds exceed what was paid', async () => {
    const { tools } = toolsFor('cus_lars');
    await Promise.all([400, 300, 200].map((amount) => tools.request_refund.execute!({ orderId: LARS_RETURNED, amount }, call)));
    const rows = await db.select().from(refunds).where(eq(refunds.orderId, LARS_RETURNED));
    expect(rows.reduce((s, r) => s + r.amountMinor, 0)).toBeLessThanOrEqual(64_900);
  });

  it('waits for approval above the automatic limit and hands off', async () => {
    const { tools, handOffs } = toolsFor('cus_anna', { limits: { EUR: 10 } });
    const result = await tools.request_refund.execute!({ orderId: '49308774', amount: 20 }, call);
    expect(result).toMatchObject({ status: 'pending_approval', needsApproval: true });
    expect(handOffs).toHaveLength(1);
    expect(handOffs[0]!.category).toBe('refund_approval');
  });
});

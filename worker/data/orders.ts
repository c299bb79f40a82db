import { asc, desc, eq, inArray } from 'drizzle-orm';
import { customers, instalments, orderItems, orders, refunds } from '../../db/schema';
import type { Db } from '../app-env';

export type OrderRow = typeof orders.$inferSelect;

export function getCustomer(db: Db, customerId: string) {
  return db.query.customers.findFirst({ where: eq(customers.id, customerId) });
}

/** A customer's orders, newest first, each with its items and refunds. */
export async function listOrders(db: Db, customerId: string) {
  const rows = await db.select().from(orders).where(eq(orders.customerId, customerId)).orderBy(desc(orders.placedAt));
  if (rows.length === 0) return [];
  const ids = rows.map((o) => o.id);
  const [items, refundRows] = await Promise.all([
    db.select().from(orderItems).where(inArray(orderItems.orderId, ids)),
    db.select().from(refunds).where(inArray(refunds.orderId, ids)).orderBy(asc(refunds.createdAt)),
  ]);
  return rows.map((o) => ({
    ...o,
    items: items.filter((i) => i.orderId === o.id).map(({ name, quantity, unitPriceMinor }) => ({ name, quantity, unitPriceMinor })),
    refunds: refundRows
      .filter((r) => r.orderId === o.id)
      .map(({ id, amountMinor, currency, status, createdAt }) => ({ id, amount: amountMinor, amountMinor, currency, status, createdAt })),
  }));
}

export type OrderWithDetails = Awaited<ReturnType<typeof listOrders>>[number];

/** One of the customer's orders; another customer's order is reported as missing. */
export async function getOwnOrder(db: Db, customerId: string, orderId: string) {
  return (await listOrders(db, customerId)).find((o) => o.id === orderId);
}

export function listInstalments(db: Db, customerId: string) {
  return db
    .select()
    .from(instalments)
    .where(eq(instalments.customerId, customerId))
    .orderBy(asc(instalments.dueDate));
}

import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from '../schema';
import { seedRows } from './data';
import { KB_ARTICLES } from './kb';

type AnyDb = BaseSQLiteDatabase<'async', unknown, typeof schema>;

/** The seed as insert-or-ignore queries: running them twice changes nothing. */
export function seedQueries(db: AnyDb, now = new Date()) {
  const rows = seedRows(now);
  const kb = KB_ARTICLES.map((a) => ({ ...a, id: `${a.locale}:${a.slug}` }));
  return [
    db.insert(schema.customers).values(rows.customers).onConflictDoNothing(),
    db.insert(schema.agents).values(rows.agents).onConflictDoNothing(),
    db.insert(schema.orders).values(rows.orders).onConflictDoNothing(),
    db.insert(schema.orderItems).values(rows.orderItems).onConflictDoNothing(),
    db.insert(schema.instalments).values(rows.instalments).onConflictDoNothing(),
    // Articles in chunks: SQLite limits the number of bound values per statement.
    ...chunk(kb, 12).map((part) => db.insert(schema.kbArticles).values(part).onConflictDoNothing()),
  ] as const;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

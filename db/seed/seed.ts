import { getTableColumns } from 'drizzle-orm';
import type { BaseSQLiteDatabase, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../schema';
import { seedRows } from './data';
import { KB_ARTICLES } from './kb';

type AnyDb = BaseSQLiteDatabase<'async', unknown, typeof schema>;

/** D1 binds at most 100 values per statement. */
const MAX_BOUND = 100;

function inserts<T extends SQLiteTable>(db: AnyDb, table: T, rows: T['$inferInsert'][]) {
  const columns = Object.keys(getTableColumns(table)).length;
  const size = Math.max(1, Math.floor(MAX_BOUND / columns));
  const out = [];
  for (let i = 0; i < rows.length; i += size) {
    out.push(db.insert(table).values(rows.slice(i, i + size)).onConflictDoNothing());
  }
  return out;
}

/** The seed as insert-or-ignore queries: running them twice changes nothing. */
export function seedQueries(db: AnyDb, now = new Date()) {
  const rows = seedRows(now);
  const queries = [
    ...inserts(db, schema.customers, rows.customers),
    ...inserts(db, schema.agents, rows.agents),
    ...inserts(db, schema.orders, rows.orders),
    ...inserts(db, schema.orderItems, rows.orderItems),
    ...inserts(db, schema.instalments, rows.instalments),
    ...inserts(db, schema.kbArticles, KB_ARTICLES.map((a) => ({ ...a, id: `${a.locale}:${a.slug}` }))),
  ];
  const [first, ...rest] = queries;
  if (!first) throw new Error('empty seed');
  return [first, ...rest] as const;
}

/** `npm run db:seed:local [-- --persist-to DIR]`: inserts the demo data into the local D1 database, idempotently. */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import * as schema from '../db/schema';
import { seedQueries } from '../db/seed/seed';

// A connection-less Drizzle instance: it only renders the queries to SQL.
const db = drizzle(async () => ({ rows: [] }), { schema });

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `'${String(value).replaceAll("'", "''")}'`;
}

function inline(sql: string, params: unknown[]): string {
  let i = 0;
  return sql.replace(/\?/g, () => literal(params[i++]));
}

const statements = seedQueries(db).map((q) => {
  const { sql, params } = q.toSQL();
  return `${inline(sql, params)};`;
});
mkdirSync('.wrangler', { recursive: true });
writeFileSync('.wrangler/seed.sql', statements.join('\n') + '\n');
const { values } = parseArgs({ options: { local: { type: 'boolean' }, 'persist-to': { type: 'string' } } });
const persist = values['persist-to'] ? ['--persist-to', values['persist-to']] : [];
execFileSync('wrangler', ['d1', 'execute', 'DB', '--local', '--env', 'dev', ...persist, '--file', '.wrangler/seed.sql'], {
  stdio: 'inherit',
});

import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';
import { seedQueries } from '../../db/seed/seed';
import { modelHooks } from '../../worker/ai/models';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const db = drizzle(env.DB, { schema });
await db.batch(seedQueries(db));
// The offline model types word by word for people; tests need no delay.
modelHooks.offlineWordDelayMs = 0;

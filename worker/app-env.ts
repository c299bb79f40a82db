import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as schema from '../db/schema';
import type { Locale } from '../shared/locales';
import type { Bindings, Config } from './config';

export type Db = DrizzleD1Database<typeof schema>;

/** Who is calling: a signed-in customer, an agent, or an anonymous visitor. */
export type Session =
  | { kind: 'customer'; customerId: string; locale: Locale }
  | { kind: 'agent'; agentId: string; role: 'agent' | 'supervisor' }
  | { kind: 'visitor'; visitorId: string };

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    config: Config;
    db: Db;
    session: Session | null;
  };
}

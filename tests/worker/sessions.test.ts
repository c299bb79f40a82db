import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';
import { seedQueries } from '../../db/seed/seed';
import app from '../../worker/index';
import { client } from './helpers';

const db = drizzle(env.DB, { schema });

describe('database', () => {
  it('is migrated and seeded, and seeding again changes nothing', async () => {
    const count = async () =>
      db.get<{ c: number; o: number; k: number; a: number }>(
        sql`SELECT (SELECT COUNT(*) FROM customers) AS c, (SELECT COUNT(*) FROM orders) AS o, (SELECT COUNT(*) FROM kb_articles) AS k, (SELECT COUNT(*) FROM agents) AS a`,
      );
    const before = await count();
    expect(before).toEqual({ c: 7, o: 21, k: 240, a: 2 });
    await db.batch(seedQueries(db));
    expect(await count()).toEqual(before);
  });
});

describe('sessions', () => {
  it('turns demo sign-in off when demo mode is off', async () => {
    const production = { ...env, DEMO_MODE: 'false' };
    const request = (path: string, init?: RequestInit) => app.request(path, init, production, createExecutionContext());
    const response = await request('/api/dev/session', { method: 'POST', body: JSON.stringify({ email: 'emma@example.com' }), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(404);
    expect((await request('/api/dev/agent-session', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(404);
  });

  it('sets a signed, HttpOnly, SameSite cookie and rejects a forged one', async () => {
    const c = client();
    const response = await c.fetch('/api/dev/session', { method: 'POST', json: { email: 'ana@example.com' } });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await c.fetch('/api/orders')).status).toBe(200);
    const [name, token] = c.cookie.split('=') as [string, string];
    const [h, , s] = token.split('.');
    const forgedPayload = btoa(JSON.stringify({ kind: 'customer', customerId: 'cus_emma', locale: 'en', exp: 9999999999 })).replace(/=+$/, '');
    c.cookie = `${name}=${h}.${forgedPayload}.${s}`;
    expect((await c.fetch('/api/orders')).status).toBe(401);
  });

  it("exchanges the operator's short-lived token for a session", async () => {
    const now = Math.floor(Date.now() / 1000);
    const secret = env.OPERATOR_TOKEN_SECRET!;
    const c = client();
    const good = await sign({ sub: 'ext-lars', exp: now + 120 }, secret, 'HS256');
    expect((await c.fetch('/api/session/exchange', { method: 'POST', json: { token: good } })).status).toBe(200);
    const orders = (await (await c.fetch('/api/orders')).json()) as { orders: { id: string; currency: string }[] };
    expect(orders.orders.every((o) => o.currency === 'SEK')).toBe(true);

    const tooLong = await sign({ sub: 'ext-lars', exp: now + 3600 }, secret, 'HS256');
    const expired = await sign({ sub: 'ext-lars', exp: now - 10 }, secret, 'HS256');
    const forged = await sign({ sub: 'ext-lars', exp: now + 60 }, 'not-the-operators-secret-at-all', 'HS256');
    for (const token of [tooLong, expired, forged]) {
      const r = await client().fetch('/api/session/exchange', { method: 'POST', json: { token } });
      expect(r.status).toBe(401);
      expect(await r.json()).toMatchObject({ error: { field: 'token' } });
    }
    expect((await client().fetch('/api/session/exchange', { method: 'POST', json: {} })).status).toBe(422);
  });

  it('answers unknown routes and bad ids with JSON errors, never a 500', async () => {
    const c = client();
    expect((await c.fetch('/api/nope')).status).toBe(404);
    const bad = await c.fetch('/api/conversations/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: 'id' } });
    expect((await c.fetch(`/api/conversations/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe('agent passwords (production sign-in)', () => {
  it('signs an agent in with a PBKDF2-hashed password, and refuses a wrong one', async () => {
    const { hashPassword } = await import('../../worker/auth/password');
    await db.run(sql`UPDATE agents SET password_hash = ${await hashPassword('correct horse battery staple')} WHERE email = 'agent@example.com'`);
    const c = client();
    const wrong = await c.fetch('/api/session/agent', { method: 'POST', json: { email: 'agent@example.com', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect((await client().fetch('/api/session/agent', { method: 'POST', json: { email: 'supervisor@example.com', password: 'x' } })).status).toBe(401);
    const right = await c.fetch('/api/session/agent', { method: 'POST', json: { email: 'agent@example.com', password: 'correct horse battery staple' } });
    expect(right.status).toBe(200);
    expect((await c.fetch('/api/agent/queue')).status).toBe(200);
  });
});

import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { verify } from 'hono/jwt';
import { z } from 'zod';
import { agents, customers } from '../../db/schema';
import { isLocale } from '../../shared/locales';
import type { AppEnv } from '../app-env';
import { ApiError, notFound } from '../middleware/errors';
import { endSession, startSession } from '../middleware/session';
import { jsonBody } from '../middleware/validate';
import { verifyPassword } from '../auth/password';
import { configuredRemoteModel } from '../ai/models';

const emailBody = z.object({ email: z.email() });

/** Demo sign-in: only when DEMO_MODE is on, which production never sets. */
export const dev = new Hono<AppEnv>()
  .use(async (c, next) => {
    if (!c.var.config.DEMO_MODE) throw notFound('Route');
    await next();
  })
  .get('/accounts', async (c) => {
    const [cs, as] = await Promise.all([
      c.var.db.select({ email: customers.email, name: customers.name, locale: customers.locale }).from(customers),
      c.var.db.select({ email: agents.email, name: agents.name, role: agents.role }).from(agents),
    ]);
    return c.json({ customers: cs, agents: as });
  })
  .post('/session', jsonBody(emailBody), async (c) => {
    const { email } = c.req.valid('json');
    const customer = await c.var.db.query.customers.findFirst({ where: eq(customers.email, email.toLowerCase()) });
    if (!customer) throw notFound('Customer');
    const locale = isLocale(customer.locale) ? customer.locale : 'en';
    await startSession(c, { kind: 'customer', customerId: customer.id, locale });
    return c.json({ kind: 'customer', id: customer.id, name: customer.name, email: customer.email, locale });
  })
  .post('/agent-session', jsonBody(emailBody), async (c) => {
    const { email } = c.req.valid('json');
    const agent = await c.var.db.query.agents.findFirst({ where: eq(agents.email, email.toLowerCase()) });
    if (!agent) throw notFound('Agent');
    await startSession(c, { kind: 'agent', agentId: agent.id, role: agent.role });
    return c.json({ kind: 'agent', id: agent.id, name: agent.name, role: agent.role });
  });

const exchangeBody = z.object({ token: z.string().min(10).max(4096) });
const operatorClaims = z.object({ sub: z.string().min(1), exp: z.number(), email: z.email().optional() });
/** Tokens from the operator's backend must be short-lived. */
const MAX_TOKEN_AGE_S = 300;

/** Sessions: who am I, the production token exchange, sign-out. */
export const session = new Hono<AppEnv>()
  .get('/', async (c) => {
    const s = c.var.session;
    if (s?.kind === 'customer') {
      const customer = await c.var.db.query.customers.findFirst({ where: eq(customers.id, s.customerId) });
      return c.json({ kind: 'customer', id: s.customerId, name: customer?.name, email: customer?.email, locale: s.locale, demo: c.var.config.DEMO_MODE });
    }
    if (s?.kind === 'agent') {
      const agent = await c.var.db.query.agents.findFirst({ where: eq(agents.id, s.agentId) });
      return c.json({
        kind: 'agent', id: s.agentId, name: agent?.name, role: s.role, languages: agent?.languages, locale: agent?.locale,
        demo: c.var.config.DEMO_MODE, translation: Boolean(configuredRemoteModel(c.var.config, c.env)),
      });
    }
    return c.json({ kind: s?.kind ?? 'none', demo: c.var.config.DEMO_MODE });
  })
  .post('/exchange', jsonBody(exchangeBody), async (c) => {
    const secret = c.var.config.OPERATOR_TOKEN_SECRET;
    if (!secret) throw new ApiError(503, 'not_configured', 'OPERATOR_TOKEN_SECRET is not configured');
    let claims: z.infer<typeof operatorClaims>;
    try {
      claims = operatorClaims.parse(await verify(c.req.valid('json').token, secret, 'HS256'));
    } catch {
      throw new ApiError(401, 'invalid_token', 'token: not a valid, unexpired token from the operator', 'token');
    }
    if (claims.exp - Date.now() / 1000 > MAX_TOKEN_AGE_S) throw new ApiError(401, 'invalid_token', 'token: lifetime too long', 'token');
    const customer = await c.var.db.query.customers.findFirst({ where: eq(customers.externalId, claims.sub) });
    if (!customer) throw notFound('Customer');
    const locale = isLocale(customer.locale) ? customer.locale : 'en';
    await startSession(c, { kind: 'customer', customerId: customer.id, locale });
    return c.json({ kind: 'customer', id: customer.id, name: customer.name, locale });
  })
  .post('/agent', jsonBody(z.object({ email: z.email(), password: z.string().min(1).max(200) })), async (c) => {
    const { email, password } = c.req.valid('json');
    const agent = await c.var.db.query.agents.findFirst({ where: eq(agents.email, email.toLowerCase()) });
    // One answer for an unknown email and a wrong password: nothing to learn from it.
    if (!agent || !(await verifyPassword(password, agent.passwordHash))) {
      throw new ApiError(401, 'invalid_credentials', 'email or password is not right', 'password');
    }
    await startSession(c, { kind: 'agent', agentId: agent.id, role: agent.role });
    return c.json({ kind: 'agent', id: agent.id, name: agent.name, role: agent.role });
  })
  .delete('/', (c) => {
    endSession(c);
    return c.body(null, 204);
  });

import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { sign, verify } from 'hono/jwt';
import { z } from 'zod';
import { isLocale } from '../../shared/locales';
import type { AppEnv, Session } from '../app-env';
import { ApiError, forbidden, unauthorized } from './errors';

export const SESSION_COOKIE = 'baton_session';
const SESSION_TTL_S = 60 * 60 * 24 * 30;

const sessionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), customerId: z.string(), locale: z.string().refine(isLocale) }),
  z.object({ kind: z.literal('agent'), agentId: z.string(), role: z.enum(['agent', 'supervisor']) }),
  z.object({ kind: z.literal('visitor'), visitorId: z.string() }),
]);

function secretOf(c: Context<AppEnv>): string {
  const secret = c.var.config.SESSION_SECRET;
  if (!secret) throw new ApiError(503, 'not_configured', 'SESSION_SECRET is not configured');
  return secret;
}

/** Reads the signed session cookie, if any, into `c.var.session`. */
export const sessionMiddleware = createMiddleware<AppEnv>(async function session(c, next) {
  c.set('session', null);
  const token = getCookie(c, SESSION_COOKIE);
  if (token && c.var.config.SESSION_SECRET) {
    try {
      const payload = await verify(token, c.var.config.SESSION_SECRET, 'HS256');
      const parsed = sessionSchema.safeParse(payload);
      if (parsed.success) c.set('session', parsed.data as Session);
    } catch {
      // An expired or forged cookie is the same as none.
    }
  }
  await next();
});

/** Signs `session` into an HttpOnly, SameSite cookie. */
export async function startSession(c: Context<AppEnv>, session: Session): Promise<void> {
  const exp = Math.floor(Date.now() / 1000) + SESSION_TTL_S;
  const token = await sign({ ...session, exp }, secretOf(c), 'HS256');
  const secure = new URL(c.req.url).protocol === 'https:';
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: SESSION_TTL_S });
}

export function endSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export function requireCustomer(c: Context<AppEnv>) {
  const s = c.var.session;
  if (!s) throw unauthorized();
  if (s.kind !== 'customer') throw forbidden();
  return s;
}

export function requireAgent(c: Context<AppEnv>) {
  const s = c.var.session;
  if (!s) throw unauthorized();
  if (s.kind !== 'agent') throw forbidden();
  return s;
}

/** The customer or visitor who owns the conversations made in this session. */
export async function requireOwner(c: Context<AppEnv>) {
  const s = c.var.session;
  if (s?.kind === 'customer' || s?.kind === 'visitor') return s;
  if (s?.kind === 'agent') throw forbidden();
  const visitor: Session = { kind: 'visitor', visitorId: crypto.randomUUID() };
  await startSession(c, visitor);
  c.set('session', visitor);
  return visitor;
}

import { Hono } from 'hono';
import { z } from 'zod';
import { PRIORITY } from '../../shared/categories';
import { isLocale } from '../../shared/locales';
import { ratings } from '../../db/schema';
import type { AppEnv } from '../app-env';
import { audit } from '../data/audit';
import { ensureConversation, getOwnedConversation, listConversations, latestHandoff } from '../data/conversations';
import { handOff } from '../data/handoffs';
import { listMessages, toApiMessage } from '../data/messages';
import { getCustomer } from '../data/orders';
import { announce, connectRoom, lobbyOf } from '../rooms/notify';
import { loadQueue, recentWaits } from '../data/queue';
import { expectedWaitMs } from '../policy/wait';
import type { QueueInfo } from '../../shared/protocol';
import type { Bindings } from '../config';
import type { Db } from '../app-env';
import { phrase } from '../ai/phrases';
import { ApiError, notFound, validationError } from '../middleware/errors';
import { requireOwner } from '../middleware/session';
import { jsonBody } from '../middleware/validate';

const idParam = z.uuid();
const parseId = (raw: string) => {
  const parsed = idParam.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, 'invalid_input', 'id: must be a UUID', 'id');
  return parsed.data;
};

export const conversations = new Hono<AppEnv>()
  .get('/', async (c) => {
    const owner = await requireOwner(c);
    return c.json({ conversations: await listConversations(c.var.db, owner) });
  })
  .get('/:id', async (c) => {
    const owner = await requireOwner(c);
    const id = parseId(c.req.param('id'));
    const after = z.coerce.number().int().min(0).default(0).safeParse(c.req.query('after'));
    if (!after.success) throw validationError(after.error, 400);
    const conversation = await getOwnedConversation(c.var.db, id, owner);
    if (!conversation) throw notFound('Conversation');
    const [messages, handoff] = await Promise.all([listMessages(c.var.db, id, after.data), latestHandoff(c.var.db, id)]);
    return c.json({
      id,
      status: conversation.status,
      handoff: handoff ? { category: handoff.category, reason: handoff.reason } : null,
      queue: conversation.status === 'queued' ? await queueInfo(c.env, c.var.db, id) : null,
      messages: messages.map(toApiMessage),
    });
  })
  .post('/:id/handoff', jsonBody(z.object({ locale: z.string().optional() }).default({})), async (c) => {
    const owner = await requireOwner(c);
    const id = parseId(c.req.param('id'));
    const requested = c.req.valid('json').locale;
    const locale = isLocale(requested) ? requested : owner.kind === 'customer' ? owner.locale : 'en';
    const conversation = await ensureConversation(c.var.db, id, owner, locale);
    if (!conversation) throw notFound('Conversation');
    const result = await handOff(c.var.db, {
      conversationId: id,
      category: 'human_request',
      reason: 'The customer asked for a person',
      priority: PRIORITY.human_request,
      source: 'customer',
      notice: phrase(locale, 'handoff.requested'),
      caseCard: { signedIn: owner.kind === 'customer' },
    });
    await audit(c.var.db, { actor: 'customer', action: 'handoff_requested', conversationId: id, customerId: owner.kind === 'customer' ? owner.customerId : null });
    c.executionCtx.waitUntil(announce(c.env, id, { status: 'queued', queueChanged: true }));
    return c.json({ status: 'queued', created: result.created }, result.created ? 201 : 200);
  })
  .get('/:id/ws', async (c) => {
    const owner = await requireOwner(c);
    const id = parseId(c.req.param('id'));
    if (!(await getOwnedConversation(c.var.db, id, owner))) throw notFound('Conversation');
    if (c.req.header('upgrade') !== 'websocket') throw new ApiError(426, 'upgrade_required', 'Connect with a WebSocket');
    const name = owner.kind === 'customer' ? ((await getCustomer(c.var.db, owner.customerId))?.name ?? '') : '';
    return connectRoom(c.env, c.req.raw, id, { role: 'customer', id: owner.kind === 'customer' ? owner.customerId : owner.visitorId, name });
  })
  .post('/:id/rating', jsonBody(z.object({ score: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() })), async (c) => {
    const owner = await requireOwner(c);
    const id = parseId(c.req.param('id'));
    const conversation = await getOwnedConversation(c.var.db, id, owner);
    if (!conversation) throw notFound('Conversation');
    const { score, comment } = c.req.valid('json');
    await c.var.db
      .insert(ratings)
      .values({ conversationId: id, score, comment: comment ?? null })
      .onConflictDoUpdate({ target: ratings.conversationId, set: { score, comment: comment ?? null } });
    return c.json({ score }, 201);
  });

/** The customer's place in the queue and the expected wait (null with no agent online). */
async function queueInfo(env: Bindings, db: Db, conversationId: string): Promise<QueueInfo> {
  const [items, waits, agentsOnline] = await Promise.all([loadQueue(db), recentWaits(db), lobbyOf(env).agentsOnline()]);
  const position = items.filter((i) => i.status === 'queued').findIndex((i) => i.conversationId === conversationId) + 1;
  return { position, agentsOnline, expectedWaitMs: expectedWaitMs(Math.max(position, 1), agentsOnline, waits) };
}

import { eq, sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { agents, handoffs, refunds } from '../../db/schema';
import { formatMoney } from '../../shared/format';
import type { AppEnv } from '../app-env';
import { phrase } from '../ai/phrases';
import { audit } from '../data/audit';
import { buildCaseCard, type CaseCard } from '../data/case-card';
import { summarizeCase } from '../ai/case-summary';
import { qualityFigures } from '../data/metrics';
import { configuredRemoteModel } from '../ai/models';
import { translate } from '../ai/translate';
import { isLocale, type Locale } from '../../shared/locales';
import { getConversation, latestHandoff } from '../data/conversations';
import { assign, claim, endOwnership, owningAgent, type TransitionError } from '../data/handoffs';
import { listMessages, toApiMessage } from '../data/messages';
import { getCustomer, listInstalments, listOrders } from '../data/orders';
import { loadQueue } from '../data/queue';
import { ApiError, forbidden, notFound } from '../middleware/errors';
import { requireAgent } from '../middleware/session';
import { jsonBody } from '../middleware/validate';
import { announce, connectLobby, connectRoom, systemEvent } from '../rooms/notify';

const uuid = z.uuid();

function conversationId(c: Context<AppEnv>): string {
  const parsed = uuid.safeParse(c.req.param('id'));
  if (!parsed.success) throw new ApiError(400, 'invalid_input', 'id: must be a UUID', 'id');
  return parsed.data;
}

const TRANSITION_ERRORS: Record<TransitionError, ApiError> = {
  not_found: notFound('Conversation'),
  already_claimed: new ApiError(409, 'already_claimed', 'Another agent has already claimed this conversation'),
  not_yours: new ApiError(403, 'not_yours', 'Only the agent who claimed it, or a supervisor, can do this'),
  wrong_state: new ApiError(409, 'wrong_state', 'The conversation is not in a state that allows this'),
};

async function agentOf(c: Context<AppEnv>) {
  const session = requireAgent(c);
  const agent = await c.var.db.query.agents.findFirst({ where: eq(agents.id, session.agentId) });
  if (!agent) throw forbidden();
  return agent;
}

async function localeOf(c: Context<AppEnv>, id: string) {
  const conversation = await getConversation(c.var.db, id);
  if (!conversation) throw notFound('Conversation');
  return conversation.locale;
}

const langQuery = z.string().refine(isLocale).optional();

/** With a model configured, the case card also gets a written summary in the agent's language (cached per language). */
async function caseSummary(c: Context<AppEnv>, handoff: Awaited<ReturnType<typeof latestHandoff>>, card: CaseCard): Promise<string | null> {
  const model = configuredRemoteModel(c.var.config, c.env);
  if (!model || !handoff) return null;
  const lang = langQuery.safeParse(c.req.query('lang'));
  const locale = (lang.success && lang.data ? lang.data : 'en') as Locale;
  const stored = (handoff.caseCard ?? {}) as { summaries?: Record<string, string> };
  const cached = stored.summaries?.[locale];
  if (cached) return cached;
  try {
    const summary = await summarizeCase(model, card, locale);
    const caseCard = { ...stored, summaries: { ...stored.summaries, [locale]: summary } };
    await c.var.db.update(handoffs).set({ caseCard }).where(eq(handoffs.id, handoff.id));
    return summary;
  } catch {
    return null; // the facts below are the card when the model is down
  }
}

/** The agent console's API: queue, case, claim and the rest of the hand-off state machine. */
export const agent = new Hono<AppEnv>()
  .get('/queue', async (c) => {
    requireAgent(c);
    const items = await loadQueue(c.var.db);
    return c.json({ queue: items.filter((i) => i.status === 'queued').map((i) => ({ ...i, id: i.handoffId, waitingMs: Date.now() - i.createdAt })), items });
  })
  .get('/metrics', async (c) => {
    requireAgent(c);
    return c.json(await qualityFigures(c.var.db));
  })
  .post('/translate', jsonBody(z.object({ text: z.string().trim().min(1).max(4000), to: z.string().refine(isLocale, 'must be a supported locale') })), async (c) => {
    requireAgent(c);
    const model = configuredRemoteModel(c.var.config, c.env);
    if (!model) throw new ApiError(501, 'translation_unavailable', 'Translation needs a configured model');
    const { text, to } = c.req.valid('json');
    return c.json(await translate(model, text, to as Locale));
  })
  .get('/agents', async (c) => {
    requireAgent(c);
    return c.json({ agents: await c.var.db.select({ id: agents.id, name: agents.name, role: agents.role, languages: agents.languages }).from(agents) });
  })
  .get('/conversations/:id', async (c) => {
    requireAgent(c);
    const id = conversationId(c);
    const conversation = await getConversation(c.var.db, id);
    if (!conversation) throw notFound('Conversation');
    const customerId = conversation.customerId;
    const [messages, handoff, caseCard, customer, orders, instalments, owner] = await Promise.all([
      listMessages(c.var.db, id),
      latestHandoff(c.var.db, id),
      buildCaseCard(c.var.db, conversation),
      customerId ? getCustomer(c.var.db, customerId) : undefined,
      customerId ? listOrders(c.var.db, customerId) : [],
      customerId ? listInstalments(c.var.db, customerId) : [],
      owningAgent(c.var.db, id),
    ]);
    return c.json({
      id,
      status: conversation.status,
      locale: conversation.locale,
      summary: await caseSummary(c, handoff, caseCard),
      ownerAgentId: owner,
      handoff: handoff ? { category: handoff.category, reason: handoff.reason, priority: handoff.priority, source: handoff.source, createdAt: handoff.createdAt } : null,
      caseCard,
      customer: customer ? { name: customer.name, email: customer.email, country: customer.country, locale: customer.locale, currency: customer.currency } : null,
      orders,
      instalments,
      messages: messages.map(toApiMessage),
    });
  })
  .post('/conversations/:id/claim', async (c) => {
    const me = await agentOf(c);
    const id = conversationId(c);
    const result = await claim(c.var.db, id, me.id);
    if (!result.ok) throw TRANSITION_ERRORS[result.error];
    await audit(c.var.db, { actor: `agent:${me.id}`, action: 'claim', conversationId: id });
    await systemEvent(c.env, c.var.db, id, phrase(await localeOf(c, id), 'handoff.agent_joined', { name: me.name }));
    await announce(c.env, id, { status: 'human', agentName: me.name, agentId: me.id, queueChanged: true });
    return c.json({ status: 'human', agentId: me.id });
  })
  .post('/conversations/:id/:ending{resolve|handback|release}', async (c) => {
    const me = await agentOf(c);
    const id = conversationId(c);
    const ending = c.req.param('ending') as 'resolve' | 'handback' | 'release';
    const result = await endOwnership(c.var.db, id, { agentId: me.id, supervisor: me.role === 'supervisor' }, ending);
    if (!result.ok) throw TRANSITION_ERRORS[result.error];
    await audit(c.var.db, { actor: `agent:${me.id}`, action: ending, conversationId: id });
    const key = { resolve: 'handoff.resolved', handback: 'handoff.handed_back', release: 'handoff.released' }[ending];
    await systemEvent(c.env, c.var.db, id, phrase(await localeOf(c, id), key, { name: me.name }));
    const status = ({ resolve: 'resolved', handback: 'ai', release: 'queued' } as const)[ending];
    await announce(c.env, id, { status, queueChanged: true });
    return c.json({ status });
  })
  .post('/conversations/:id/assign', jsonBody(z.object({ agentId: z.string().min(1) })), async (c) => {
    const me = await agentOf(c);
    if (me.role !== 'supervisor') throw forbidden();
    const id = conversationId(c);
    const target = await c.var.db.query.agents.findFirst({ where: eq(agents.id, c.req.valid('json').agentId) });
    if (!target) throw new ApiError(422, 'invalid_input', 'agentId: no such agent', 'agentId');
    if (!(await assign(c.var.db, id, target.id))) throw TRANSITION_ERRORS.wrong_state;
    await audit(c.var.db, { actor: `agent:${me.id}`, action: 'assign', conversationId: id, detail: { to: target.id } });
    await systemEvent(c.env, c.var.db, id, phrase(await localeOf(c, id), 'handoff.agent_joined', { name: target.name }));
    await announce(c.env, id, { status: 'human', agentName: target.name, agentId: target.id, queueChanged: true });
    return c.json({ status: 'human', agentId: target.id });
  })
  .post('/refunds/:refundId/:decision{approve|reject}', async (c) => {
    const me = await agentOf(c);
    const decision = c.req.param('decision') === 'approve' ? 'approved' : 'rejected';
    const refundId = c.req.param('refundId');
    const decided = await c.var.db.get<{ id: string } | undefined>(sql`
      UPDATE refunds SET status = ${decision}, decided_by = ${me.id}, decided_at = unixepoch('subsec') * 1000
      WHERE id = ${refundId} AND status = 'pending_approval' RETURNING id`);
    const refund = await c.var.db.query.refunds.findFirst({ where: eq(refunds.id, refundId) });
    if (!refund) throw notFound('Refund');
    if (!decided) throw new ApiError(409, 'already_decided', `This refund is already ${refund.status}`);
    await audit(c.var.db, { actor: `agent:${me.id}`, action: `refund_${decision}`, conversationId: refund.conversationId, customerId: refund.customerId, detail: { refundId, amountMinor: refund.amountMinor } });
    if (refund.conversationId) {
      const locale = await localeOf(c, refund.conversationId);
      const amount = formatMoney(refund.amountMinor, refund.currency, locale);
      await systemEvent(c.env, c.var.db, refund.conversationId, phrase(locale, `refund_decision.${decision}`, { amount, id: refund.orderId }));
    }
    return c.json({ id: refundId, status: decision, decidedBy: me.id });
  })
  .get('/conversations/:id/ws', async (c) => {
    const me = await agentOf(c);
    const id = conversationId(c);
    if (!(await getConversation(c.var.db, id))) throw notFound('Conversation');
    if (c.req.header('upgrade') !== 'websocket') throw new ApiError(426, 'upgrade_required', 'Connect with a WebSocket');
    return connectRoom(c.env, c.req.raw, id, { role: me.role, id: me.id, name: me.name });
  })
  .get('/lobby/ws', async (c) => {
    const me = await agentOf(c);
    if (c.req.header('upgrade') !== 'websocket') throw new ApiError(426, 'upgrade_required', 'Connect with a WebSocket');
    return connectLobby(c.env, c.req.raw, { role: me.role, id: me.id, name: me.name });
  });

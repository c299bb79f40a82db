import { type ContentPart, type ToolSet, convertToModelMessages, createUIMessageStream, createUIMessageStreamResponse, isStepCount, streamText, type UIMessage, type UIMessageStreamWriter } from 'ai';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { PRIORITY } from '../../shared/categories';
import { isLocale, matchLocale, type Locale } from '../../shared/locales';
import type { AppEnv, Db } from '../app-env';
import { audit } from '../data/audit';
import { ensureConversation, getConversation, recordModelOutcome, setTitleOnce, type ConversationRow, type Owner } from '../data/conversations';
import { handOff } from '../data/handoffs';
import { appendMessage, getReplyTo, listMessages, type StoredMessage } from '../data/messages';
import { getCustomer } from '../data/orders';
import { ApiError, notFound } from '../middleware/errors';
import { requireOwner } from '../middleware/session';
import { jsonBody } from '../middleware/validate';
import { configuredRemoteModel, modelHooks, selectModel } from '../ai/models';
import { secondOpinion } from '../ai/second-opinion';
import { phrase } from '../ai/phrases';
import { instructions } from '../ai/prompt';
import { createTools } from '../ai/tools';
import { crisisHelp } from '../policy/crisis';
import { replyLanguage } from '../policy/language';
import { showsFrustration, triage, type TriageDecision } from '../policy/triage';
import { announce, roomOf } from '../rooms/notify';
import type { RoomMessage } from '../../shared/protocol';

/** The body of the AI SDK's default chat transport; only the newest message is used. */
const chatBody = z.object({
  id: z.uuid({ message: 'must be a UUID made by the client' }),
  messages: z
    .array(
      z.looseObject({
        id: z.string().min(1).max(64),
        role: z.enum(['user', 'assistant', 'system']),
        parts: z.array(z.looseObject({ type: z.string() })),
      }),
    )
    .min(1),
  trigger: z.enum(['submit-message', 'regenerate-message']).optional(),
  messageId: z.string().optional(),
  locale: z.string().optional(),
});


const HISTORY_LIMIT = 30;
const TAKEOVER_CHECK_MS = 300;

export const chat = new Hono<AppEnv>().post('/', jsonBody(chatBody), async (c) => {
  const startedAt = Date.now();
  const body = c.req.valid('json');
  const { db, config } = c.var;
  const lastIndex = body.messages.length - 1;
  const last = body.messages[lastIndex]!;
  if (last.role !== 'user') throw new ApiError(422, 'invalid_input', `messages.${lastIndex}.role: the newest message must be the customer's`, `messages.${lastIndex}.role`);
  const text = last.parts
    .map((p) => (p.type === 'text' && typeof p.text === 'string' ? p.text : ''))
    .join('\n')
    .trim();
  const field = `messages.${lastIndex}.parts`;
  if (!text) throw new ApiError(422, 'invalid_input', `${field}: the message has no text`, field);
  if (text.length > config.MESSAGE_MAX_CHARS) {
    throw new ApiError(413, 'message_too_long', `${field}: the message is longer than ${config.MESSAGE_MAX_CHARS} characters`, field);
  }

  const owner = await requireOwner(c);
  const locale = await customerLocale(c, owner, body.locale);
  const replyLocale = replyLanguage(text, locale);
  const conversation = await ensureConversation(db, body.id, owner, replyLocale);
  if (!conversation) throw notFound('Conversation');

  const stored = await appendMessage(db, { id: last.id, conversationId: conversation.id, author: 'customer', text, locale: replyLocale });
  if (!stored) return replay(db, last.id);
  await setTitleOnce(db, conversation.id, text);

  // A person owns the conversation (or will soon): the AI stays silent and the message goes to the room.
  if (conversation.status === 'queued' || conversation.status === 'human') {
    const message: RoomMessage = { id: last.id, seq: stored.seq, author: 'customer', text, agentId: null, createdAt: Date.now() };
    c.executionCtx.waitUntil(roomOf(c.env, conversation.id).relay(message));
    return statusOnly(conversation.status);
  }

  const decision = triage(text);
  if (decision.route === 'human') {
    return humanRoute(c, conversation, owner, replyLocale, decision, text);
  }
  return aiTurn(c, { conversation, owner, replyLocale, text, customerMessageId: last.id, startedAt, seq: stored.seq });
});

async function customerLocale(c: Context<AppEnv>, owner: Owner, requested: string | undefined): Promise<Locale> {
  if (isLocale(requested)) return requested;
  if (owner.kind === 'customer') return owner.locale;
  return matchLocale(c.req.header('accept-language')?.split(',')[0]) ?? 'en';
}

function streamOf(write: (writer: UIMessageStreamWriter) => Promise<void> | void) {
  return createUIMessageStreamResponse({ stream: createUIMessageStream({ execute: ({ writer }) => write(writer) }) });
}

function writeText(writer: UIMessageStreamWriter, messageId: string, author: string, text: string) {
  writer.write({ type: 'start', messageId, messageMetadata: { author } });
  writer.write({ type: 'text-start', id: `${messageId}-t` });
  writer.write({ type: 'text-delta', id: `${messageId}-t`, delta: text });
  writer.write({ type: 'text-end', id: `${messageId}-t` });
  writer.write({ type: 'finish' });
}

/** A retried message: answer with the reply already stored, never a second one. */
async function replay(db: Db, customerMessageId: string) {
  const reply = await getReplyTo(db, customerMessageId);
  return streamOf((writer) => {
    if (reply) writeText(writer, reply.id, reply.author, reply.text);
    else writer.write({ type: 'data-status', data: { duplicate: true }, transient: true });
  });
}

function statusOnly(status: ConversationRow['status']) {
  return streamOf((writer) => writer.write({ type: 'data-handoff', data: { status }, transient: true }));
}

async function humanRoute(
  c: Context<AppEnv>,
  conversation: ConversationRow,
  owner: Owner,
  locale: Locale,
  decision: TriageDecision,
  text: string,
) {
  const { db, config } = c.var;
  const lines: string[] = [];
  if (decision.selfHarm) {
    const country = owner.kind === 'customer' ? (await getCustomer(db, owner.customerId))?.country : (c.req.raw.cf?.country as string | undefined);
    const help = crisisHelp(country, config.CRISIS_HOTLINES);
    lines.push(help.emergency ? phrase(locale, 'handoff.crisis', { emergency: help.emergency }) : phrase(locale, 'handoff.crisis_no_number'));
    for (const h of help.hotlines) lines.push(phrase(locale, 'handoff.crisis_hotline', { name: h.name, phone: h.phone }));
    lines.push(phrase(locale, 'handoff.crisis_followup'));
  } else {
    lines.push(phrase(locale, decision.category === 'human_request' ? 'handoff.requested' : 'handoff.queued'));
  }
  const notice = lines.join('\n\n');
  const reason = [...new Set(decision.evidence.map((e) => `“${e.match}”`))].join(' · ');
  const result = await handOff(db, {
    conversationId: conversation.id,
    category: decision.category,
    reason: reason || decision.category,
    priority: decision.priority,
    source: 'triage',
    notice,
    caseCard: { wants: text.slice(0, 500), signedIn: owner.kind === 'customer', evidence: decision.evidence, selfHarm: decision.selfHarm },
  });
  if (result.created) c.executionCtx.waitUntil(announce(c.env, conversation.id, { status: 'queued', queueChanged: true }));
  await audit(db, {
    actor: 'triage',
    action: 'handoff',
    conversationId: conversation.id,
    customerId: owner.kind === 'customer' ? owner.customerId : null,
    detail: { category: decision.category, priority: decision.priority, evidence: decision.evidence },
  });
  return streamOf((writer) => {
    writeText(writer, result.noticeId ?? crypto.randomUUID(), 'system', notice);
    writer.write({ type: 'data-handoff', data: { status: 'queued', category: decision.category, created: result.created }, transient: true });
  });
}

interface TurnInput {
  conversation: ConversationRow;
  owner: Owner;
  replyLocale: Locale;
  text: string;
  customerMessageId: string;
  startedAt: number;
  seq: number;
}

async function aiTurn(c: Context<AppEnv>, turn: TurnInput) {
  const { db, config } = c.var;
  const { conversation, owner } = turn;
  const customerId = owner.kind === 'customer' ? owner.customerId : null;
  const history = await listMessages(db, conversation.id);
  const previousAi = history.filter((m) => m.author === 'ai');
  const offerHuman = previousAi.length >= 2 && (showsFrustration(turn.text) || repeats(history, turn.text));
  let failed = false;
  const selected = selectModel(config, c.env, {
    ...modelHooks,
    onFallback: async (reason, error) => {
      failed = true;
      await audit(db, { actor: 'system', action: 'model_fallback', conversationId: conversation.id, detail: { reason, error: String(error ?? '') } });
    },
  });
  const customer = customerId ? await getCustomer(db, customerId) : undefined;
  const replyId = crypto.randomUUID();
  let firstTokenMs: number | null = null;

  const tools = createTools({
    db,
    config,
    customerId,
    conversationId: conversation.id,
    locale: turn.replyLocale,
    handOff: async (category, summary, source) => {
      await handOff(db, {
        conversationId: conversation.id,
        category,
        reason: summary,
        priority: PRIORITY[category as keyof typeof PRIORITY] ?? PRIORITY.model,
        source,
        notice: phrase(turn.replyLocale, 'handoff.queued'),
        caseCard: { wants: turn.text.slice(0, 500), signedIn: Boolean(customerId), summary },
      });
      c.executionCtx.waitUntil(announce(c.env, conversation.id, { status: 'queued', queueChanged: true }));
    },
  });

  // A person who claims mid-reply silences the AI at once: the stream stops and nothing is stored.
  const takeover = new AbortController();
  const watch = setInterval(async () => {
    const now = await getConversation(db, conversation.id);
    if (now?.status === 'human') takeover.abort('claimed');
  }, TAKEOVER_CHECK_MS);

  // With a remote model, a second opinion runs beside the answer (never delaying its first
  // token) and may stop it to hand off; it can never remove a hand-off.
  const remote = configuredRemoteModel(config, c.env);
  if (remote) {
    c.executionCtx.waitUntil(
      secondOpinion(remote, turn.text, takeover.signal)
        .then(async (category) => {
          if (!category || takeover.signal.aborted) return;
          takeover.abort('escalated');
          const result = await handOff(db, {
            conversationId: conversation.id,
            category,
            reason: 'Second opinion of the model',
            priority: PRIORITY[category],
            source: 'model',
            notice: phrase(turn.replyLocale, 'handoff.queued'),
            caseCard: { wants: turn.text.slice(0, 500), signedIn: Boolean(customerId) },
          });
          if (result.created) await announce(c.env, conversation.id, { status: 'queued', queueChanged: true });
        })
        .catch(() => {}),
    );
  }

  const modelMessages = await convertToModelMessages(toUiHistory(history.slice(-HISTORY_LIMIT)), { tools, ignoreIncompleteToolCalls: true });
  let settle: () => void = () => {};
  const stored = new Promise<void>((resolve) => (settle = resolve));

  const result = streamText({
    model: selected.model,
    instructions: instructions({ locale: turn.replyLocale, signedIn: Boolean(customerId), customerName: customer?.name }),
    messages: modelMessages,
    tools,
    stopWhen: isStepCount(5),
    abortSignal: takeover.signal,
    onAbort: () => {
      clearInterval(watch);
      settle();
    },
    providerOptions: { baton: { locale: turn.replyLocale, signedIn: Boolean(customerId), disclose: previousAi.length === 0 } },
    onChunk: ({ chunk }) => {
      if (firstTokenMs === null && chunk.type === 'text-delta') firstTokenMs = Date.now() - turn.startedAt;
    },
    onError: async ({ error }) => {
      failed = true;
      console.error('model error', error);
    },
    onFinish: async ({ steps }) => {
      try {
        const parts = [...(offerHuman ? [{ type: 'text', text: phrase(turn.replyLocale, 'offer_human') }] : []), ...stepsToParts(steps)];
        const replyText = parts.flatMap((p) => (p.type === 'text' ? [p.text as string] : [])).join('\n\n');
        await appendMessage(db, {
          id: replyId,
          conversationId: conversation.id,
          author: 'ai',
          text: replyText,
          parts,
          replyTo: turn.customerMessageId,
          locale: turn.replyLocale,
          model: failed ? `offline (fallback from ${selected.name})` : selected.name,
          firstTokenMs,
          unlessHumanOwns: true,
        });
        if (await afterTurn(db, conversation.id, turn.replyLocale, failed)) {
          await announce(c.env, conversation.id, { status: 'queued', queueChanged: true });
        }
      } finally {
        clearInterval(watch);
        settle();
      }
    },
  });
  // Runs the model to the end and stores the reply even if the customer disconnects.
  void result.consumeStream({ onError: () => {} });
  c.executionCtx.waitUntil(stored);

  return streamOf((writer) => {
    writer.write({ type: 'start', messageId: replyId, messageMetadata: { author: 'ai' } });
    if (offerHuman) {
      const offer = phrase(turn.replyLocale, 'offer_human');
      writer.write({ type: 'text-start', id: 'offer' });
      writer.write({ type: 'text-delta', id: 'offer', delta: offer });
      writer.write({ type: 'text-end', id: 'offer' });
    }
    writer.merge(result.toUIMessageStream({ sendStart: false }));
  });
}

/** Two failed model turns in a row hand the conversation to a person. */
async function afterTurn(db: Db, conversationId: string, locale: Locale, failed: boolean): Promise<boolean> {
  const failures = await recordModelOutcome(db, conversationId, failed);
  if (failures < 2) return false;
  const result = await handOff(db, {
      conversationId,
      category: 'model_failure',
      reason: 'The model failed twice in a row',
      priority: PRIORITY.policy,
      source: 'policy',
    notice: phrase(locale, 'handoff.model_failed'),
  });
  return result.created;
}

function repeats(history: StoredMessage[], text: string): boolean {
  const words = (s: string) => new Set(s.toLowerCase().split(/\s+/).filter(Boolean));
  const now = words(text);
  const previous = history.filter((m) => m.author === 'customer').slice(-3, -1);
  return previous.some((m) => {
    const before = words(m.text);
    const shared = [...now].filter((w) => before.has(w)).length;
    return shared / Math.max(now.size, before.size, 1) >= 0.8;
  });
}

/** Stored messages as the model's history: people's and system messages become plain text. */
function toUiHistory(history: StoredMessage[]): UIMessage[] {
  return history.map((m) => ({
    id: m.id,
    role: m.author === 'customer' ? 'user' : 'assistant',
    parts:
      m.author === 'ai' && Array.isArray(m.parts)
        ? (m.parts as UIMessage['parts']).filter((p) => p.type === 'text' || p.type.startsWith('tool-'))
        : [{ type: 'text', text: m.author === 'agent' ? `[agent] ${m.text}` : m.text }],
  }));
}

type StepLike = { content: ReadonlyArray<ContentPart<ToolSet>> };

/** The steps of a turn as UI message parts (text and tool calls with their results). */
function stepsToParts(steps: ReadonlyArray<StepLike>): Array<Record<string, unknown> & { type: string }> {
  const parts: Array<Record<string, unknown> & { type: string }> = [];
  for (const step of steps) {
    for (const part of step.content) {
      if (part.type === 'text' && part.text.length > 0) parts.push({ type: 'text', text: part.text });
      if (part.type === 'tool-result') {
        parts.push({ type: `tool-${part.toolName}`, toolCallId: part.toolCallId, state: 'output-available', input: part.input, output: part.output });
      }
    }
  }
  return parts;
}

import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditEvents, messages } from '../../db/schema';
import { openDb } from '../../worker/data/db';
import { modelHooks } from '../../worker/ai/models';
import { chatBody, readChat, signedIn } from './helpers';

const db = openDb(env.DB);
const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
};

afterEach(() => {
  delete modelHooks.remoteOverride;
  delete modelHooks.firstTokenTimeoutMs;
  modelHooks.offlineWordDelayMs = 0;
});

async function ask(text: string) {
  const emma = await signedIn('emma@example.com');
  const id = crypto.randomUUID();
  const { text: reply } = await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, crypto.randomUUID(), text) }));
  const stored = await db.select().from(messages).where(and(eq(messages.conversationId, id), eq(messages.author, 'ai')));
  return { id, reply, stored };
}

describe('remote models', () => {
  it('falls back to the offline model when the remote one errors', async () => {
    modelHooks.remoteOverride = new MockLanguageModelV4({
      doStream: async () => {
        throw new Error('503 from provider');
      },
    });
    const { id, reply, stored } = await ask('where is my order?');
    expect(reply).toContain('44108031');
    expect(stored[0]!.model).toMatch(/fallback/);
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.conversationId, id), eq(auditEvents.action, 'model_fallback')));
    expect(events[0]!.detail).toMatchObject({ reason: 'error' });
  });

  it('falls back when the remote model gives no first token in time', async () => {
    modelHooks.firstTokenTimeoutMs = 50;
    modelHooks.remoteOverride = new MockLanguageModelV4({
      doStream: async () => ({
        stream: simulateReadableStream({ chunks: [{ type: 'stream-start', warnings: [] }, { type: 'text-start', id: 't' }], initialDelayInMs: 2_000 }),
      }),
    });
    const { id, reply } = await ask('when is my next payment?');
    expect(reply).toMatch(/due on/);
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.conversationId, id), eq(auditEvents.action, 'model_fallback')));
    expect(events[0]!.detail).toMatchObject({ reason: 'timeout' });
  });

  it("runs a remote model's tool call through the same tool code", async () => {
    let step = 0;
    modelHooks.remoteOverride = new MockLanguageModelV4({
      doStream: async () => {
        step++;
        const chunks: LanguageModelV4StreamPart[] =
          step === 1
            ? [
                { type: 'tool-call', toolCallId: 'c1', toolName: 'get_order', input: JSON.stringify({ orderId: '44208552' }) },
                { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage },
              ]
            : [
                { type: 'text-start', id: 't' },
                { type: 'text-delta', id: 't', delta: 'Your bedding was delivered.' },
                { type: 'text-end', id: 't' },
                { type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage },
              ];
        return { stream: simulateReadableStream({ chunks }) };
      },
    });
    const { reply, stored } = await ask('was my bedding delivered?');
    expect(reply).toBe('Your bedding was delivered.');
    const parts = stored[0]!.parts as { type: string; output?: { order?: { id: string; merchant: string } } }[];
    const tool = parts.find((p) => p.type === 'tool-get_order');
    expect(tool?.output?.order).toMatchObject({ id: '44208552', merchant: 'Bloom & Co' });
    expect(stored[0]!.model).toBe('mock-provider:mock-model-id');
  });
});

describe('conversation rules for the model', () => {
  it('hands off after the model fails twice in a row', async () => {
    modelHooks.remoteOverride = new MockLanguageModelV4({
      doStream: async () => {
        throw new Error('provider down');
      },
    });
    const emma = await signedIn('emma@example.com');
    const id = crypto.randomUUID();
    for (const text of ['how do returns work?', 'and how long does delivery take?']) {
      await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, crypto.randomUUID(), text) }));
    }
    const detail = (await (await emma.fetch(`/api/conversations/${id}`)).json()) as { status: string; handoff: { category: string } };
    expect(detail).toMatchObject({ status: 'queued', handoff: { category: 'model_failure' } });
  });

  it("hands off when the model calls handoff_to_human, and the model cannot hand back", async () => {
    modelHooks.remoteOverride = new MockLanguageModelV4({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: 'tool-call', toolCallId: 'h1', toolName: 'handoff_to_human', input: JSON.stringify({ category: 'other', summary: 'Customer unsure about a charge' }) },
            { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage },
          ] satisfies LanguageModelV4StreamPart[],
        }),
      }),
    });
    const { id } = await ask('I have a question about a charge');
    const detail = await db.query.conversations.findFirst({ where: (c, { eq: e }) => e(c.id, id) });
    expect(detail?.status).toBe('queued');
    const handoff = await db.query.handoffs.findFirst({ where: (h, { eq: e }) => e(h.conversationId, id) });
    expect(handoff).toMatchObject({ source: 'model', reason: 'Customer unsure about a charge' });
  });
});

describe('a customer who disconnects mid-stream', () => {
  it('still gets the whole reply stored', async () => {
    modelHooks.offlineWordDelayMs = 15;
    const emma = await signedIn('emma@example.com');
    const id = crypto.randomUUID();
    const response = await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, crypto.randomUUID(), 'where is my order?') });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    let stored: (typeof messages.$inferSelect)[] = [];
    for (let i = 0; i < 100 && stored.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      stored = await db.select().from(messages).where(and(eq(messages.conversationId, id), eq(messages.author, 'ai')));
    }
    expect(stored).toHaveLength(1);
    expect(stored[0]!.text).toContain('44108031');
    expect(stored[0]!.firstTokenMs).toBeGreaterThanOrEqual(0);
  });
});

describe('agent translation', () => {
  async function agent() {
    const { agentSignedIn } = await import('./helpers');
    return agentSignedIn('agent@example.com');
  }

  it('is unavailable without a configured model', async () => {
    const a = await agent();
    const r = await a.fetch('/api/agent/translate', { method: 'POST', json: { text: 'Hallo', to: 'en' } });
    expect(r.status).toBe(501);
    expect(await (await a.fetch('/api/session')).json()).toMatchObject({ translation: false });
  });

  it('translates with the model and checks that amounts, dates and order numbers are unchanged', async () => {
    let reply = 'Your refund of £64.00 for order 44308774 is due on 12 March.';
    modelHooks.remoteOverride = new MockLanguageModelV4({
      doGenerate: async () => ({
        content: [{ type: 'text', text: reply }],
        finishReason: { unified: 'stop', raw: undefined },
        usage,
        warnings: [],
      }),
    });
    const a = await agent();
    const text = 'Ihre Erstattung von 64,00 £ für Bestellung 44308774 ist am 12. März fällig.';
    const ok = await a.fetch('/api/agent/translate', { method: 'POST', json: { text, to: 'en' } });
    expect(await ok.json()).toMatchObject({ text: reply, factsKept: true });
    reply = 'Your refund of £46.00 for order 44308774 is due on 12 March.';
    const changed = await a.fetch('/api/agent/translate', { method: 'POST', json: { text, to: 'en' } });
    expect(await changed.json()).toMatchObject({ factsKept: false });
    const bad = await a.fetch('/api/agent/translate', { method: 'POST', json: { text, to: 'xx' } });
    expect(bad.status).toBe(422);
  });
});

describe('second opinion of a remote model', () => {
  it('adds a hand-off the rules missed and stops the answer, without delaying its first token', async () => {
    modelHooks.remoteOverride = new MockLanguageModelV4({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: 'text-start', id: 't' },
            ...Array.from({ length: 40 }, (_, i) => ({ type: 'text-delta' as const, id: 't', delta: `word${i} ` })),
            { type: 'text-end', id: 't' },
            { type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage },
          ] satisfies LanguageModelV4StreamPart[],
          chunkDelayInMs: 30,
        }),
      }),
      doGenerate: async () => ({
        // A real classifier answers after a moment; the answer has started streaming by then.
        ...(await new Promise((r) => setTimeout(r, 250)).then(() => ({}))),
        content: [{ type: 'text', text: '{"route":"human","category":"dispute"}' }],
        finishReason: { unified: 'stop', raw: undefined },
        usage,
        warnings: [],
      }),
    });
    const { id, reply, stored } = await ask('the thing I got is not what the listing showed, what can I do');
    expect(reply).toContain('word0');
    expect(reply).not.toContain('word39');
    expect(stored).toEqual([]);
    const conversation = await db.query.conversations.findFirst({ where: (c, { eq: e }) => e(c.id, id) });
    expect(conversation?.status).toBe('queued');
    const handoff = await db.query.handoffs.findFirst({ where: (h, { eq: e }) => e(h.conversationId, id) });
    expect(handoff).toMatchObject({ category: 'dispute', source: 'model' });
  });

  it('cannot remove a hand-off the rules made', async () => {
    modelHooks.remoteOverride = new MockLanguageModelV4({
      doGenerate: async () => ({
        content: [{ type: 'text', text: '{"route":"ai","category":"simple"}' }],
        finishReason: { unified: 'stop', raw: undefined },
        usage,
        warnings: [],
      }),
    });
    const { id } = await ask('someone hacked my account and ordered things');
    const conversation = await db.query.conversations.findFirst({ where: (c, { eq: e }) => e(c.id, id) });
    expect(conversation?.status).toBe('queued');
  });
});

describe('case card summary', () => {
  it('is written by the configured model in the agent’s language, and cached', async () => {
    let calls = 0;
    modelHooks.remoteOverride = new MockLanguageModelV4({
      doGenerate: async (options) => {
        calls++;
        const wantsGerman = JSON.stringify(options.prompt).includes('German');
        return {
          content: [{ type: 'text', text: wantsGerman ? 'Kundin möchte mit einem Menschen sprechen.' : 'Customer asked for a person.' }],
          finishReason: { unified: 'stop', raw: undefined },
          usage,
          warnings: [],
        };
      },
      doStream: async () => {
        throw new Error('not used');
      },
    });
    const emma = await signedIn('emma@example.com');
    const id = crypto.randomUUID();
    await emma.fetch(`/api/conversations/${id}/handoff`, { method: 'POST', json: {} });
    const { agentSignedIn } = await import('./helpers');
    const alex = await agentSignedIn('agent@example.com');
    const de = (await (await alex.fetch(`/api/agent/conversations/${id}?lang=de`)).json()) as { summary: string };
    expect(de.summary).toBe('Kundin möchte mit einem Menschen sprechen.');
    await alex.fetch(`/api/agent/conversations/${id}?lang=de`);
    expect(calls).toBe(1);
    modelHooks.remoteOverride = undefined;
    const plain = (await (await alex.fetch(`/api/agent/conversations/${id}?lang=en`)).json()) as { summary: string | null; caseCard: { reason: string } };
    expect(plain.summary).toBeNull();
    expect(plain.caseCard.reason).toBe('The customer asked for a person');
  });
});

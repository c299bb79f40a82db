import { env } from 'cloudflare:workers';
import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { messages } from '../../db/schema';
import { openDb } from '../../worker/data/db';
import { modelHooks } from '../../worker/ai/models';
import { agentSignedIn, chatBody, client, openSocket, readChat, signedIn } from './helpers';

const db = openDb(env.DB);
const uuid = () => crypto.randomUUID();

afterEach(() => {
  modelHooks.offlineWordDelayMs = 0;
});

/** Emma asks for a person; returns her client and the conversation id. */
async function queued() {
  const emma = await signedIn('emma@example.com');
  const id = uuid();
  await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), 'hello, where is my order?') }));
  const handoff = await emma.fetch(`/api/conversations/${id}/handoff`, { method: 'POST', json: {} });
  expect(handoff.status).toBe(201);
  return { emma, id };
}

/** …and the agent Alex has claimed it. */
async function claimed() {
  const { emma, id } = await queued();
  const alex = await agentSignedIn('agent@example.com');
  expect((await alex.fetch(`/api/agent/conversations/${id}/claim`, { method: 'POST' })).status).toBe(200);
  return { emma, alex, id };
}

/** Emma's and Alex's sockets in the conversation's room. */
async function bothInRoom({ emma, alex, id }: Awaited<ReturnType<typeof claimed>>) {
  const customer = await openSocket(emma, `/api/conversations/${id}/ws`);
  const agent = await openSocket(alex, `/api/agent/conversations/${id}/ws`);
  return { customer, agent };
}

describe('hand-off rooms', () => {
  it('lets a customer and the claiming agent talk live, in order', async () => {
    const people = await claimed();
    const { id } = people;
    const { customer, agent } = await bothInRoom(people);
    await customer.waitFor((f) => f.type === 'presence' && (f.participants as unknown[]).length === 2);

    const fromCustomer = uuid();
    customer.send({ type: 'message', id: fromCustomer, text: 'Hi, are you a real person?' });
    const got = await agent.waitFor((f) => f.type === 'message' && (f.message as { id: string }).id === fromCustomer);
    const ack = await customer.waitFor((f) => f.type === 'ack');
    expect((got.message as { seq: number }).seq).toBe(ack.seq);

    agent.send({ type: 'typing', typing: true });
    await customer.waitFor((f) => f.type === 'typing' && f.role === 'agent' && f.typing === true);
    agent.send({ type: 'message', id: uuid(), text: 'Yes, I am Alex. How can I help?' });
    const reply = await customer.waitFor((f) => f.type === 'message' && (f.message as { author: string }).author === 'agent');
    expect((reply.message as { seq: number }).seq).toBeGreaterThan(ack.seq as number);

    // Stored once each, typing not at all.
    const rows = await db.select().from(messages).where(eq(messages.conversationId, id));
    expect(rows.filter((m) => m.author === 'customer' && m.text.includes('real person'))).toHaveLength(1);
    expect(rows.filter((m) => m.author === 'agent')).toHaveLength(1);
    customer.send({ type: 'message', id: fromCustomer, text: 'Hi, are you a real person?' });
    await customer.waitFor((f) => f.type === 'ack' && f.id === fromCustomer);
    expect((await db.select().from(messages).where(and(eq(messages.conversationId, id), eq(messages.id, fromCustomer))))).toHaveLength(1);
    customer.close();
    agent.close();
  });

  it('gives a reconnecting client exactly what it missed', async () => {
    const { emma, alex, id } = await claimed();
    const agent = await openSocket(alex, `/api/agent/conversations/${id}/ws`);
    const before = await db.select().from(messages).where(eq(messages.conversationId, id));
    const lastSeen = Math.max(...before.map((m) => m.seq));
    for (const text of ['one', 'two', 'three']) {
      agent.send({ type: 'message', id: uuid(), text });
      await agent.waitFor((f) => f.type === 'ack');
    }
    const customer = await openSocket(emma, `/api/conversations/${id}/ws?lastSeq=${lastSeen}`);
    await customer.waitFor((f) => f.type === 'presence');
    const replayed = customer.frames.filter((f) => f.type === 'message').map((f) => (f.message as { text: string }).text);
    expect(replayed).toEqual(['one', 'two', 'three']);
    customer.send({ type: 'resume', lastSeq: lastSeen + 2 });
    const again = await customer.waitFor((f) => f.type === 'message');
    expect((again.message as { text: string }).text).toBe('three');
  });

  it('numbers the whole story once and without gaps, across a hand-off and a hand-back', async () => {
    const people = await claimed();
    const { emma, alex, id } = people;
    const { customer, agent } = await bothInRoom(people);
    agent.send({ type: 'message', id: uuid(), text: 'Hello Emma, Alex here.' });
    await customer.waitFor((f) => f.type === 'message' && (f.message as { author: string }).author === 'agent');
    // Sent through the chat endpoint while a person owns the conversation: shown live in the room.
    const viaChat = uuid();
    await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, viaChat, 'Thanks, one more thing') }));
    await agent.waitFor((f) => f.type === 'message' && (f.message as { id: string }).id === viaChat);
    await alex.fetch(`/api/agent/conversations/${id}/handback`, { method: 'POST' });
    const question = uuid();
    const { text } = await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, question, 'where is my order?') }));
    expect(text.length).toBeGreaterThan(0);
    customer.close();
    agent.close();

    const rows = (await db.select().from(messages).where(eq(messages.conversationId, id))).sort((a, b) => a.seq - b.seq);
    expect(rows.map((m) => m.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.map((m) => m.author)).toEqual(['customer', 'ai', 'system', 'system', 'agent', 'customer', 'system', 'customer', 'ai']);
    expect(rows.at(-1)!.replyTo).toBe(question);
  });

  it('lets exactly one of two agents claim', async () => {
    const { id } = await queued();
    const [alex, sam] = await Promise.all([agentSignedIn('agent@example.com'), agentSignedIn('supervisor@example.com')]);
    const results = await Promise.all([alex, sam].map((a) => a.fetch(`/api/agent/conversations/${id}/claim`, { method: 'POST' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(await loser.json()).toMatchObject({ error: { code: 'already_claimed' } });
  });

  it('silences an AI reply that is still streaming when a person claims', async () => {
    modelHooks.offlineWordDelayMs = 40;
    const emma = await signedIn('emma@example.com');
    const id = uuid();
    await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), 'hi') }));
    await emma.fetch(`/api/conversations/${id}/handoff`, { method: 'POST', json: {} });
    const alex = await agentSignedIn('agent@example.com');
    await alex.fetch(`/api/agent/conversations/${id}/claim`, { method: 'POST' });
    await alex.fetch(`/api/agent/conversations/${id}/handback`, { method: 'POST' });
    // The AI owns it again; a long answer starts streaming, and a person takes over mid-way.
    const question = uuid();
    const response = await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, question, 'Where is my order?') });
    await emma.fetch(`/api/conversations/${id}/handoff`, { method: 'POST', json: {} });
    await alex.fetch(`/api/agent/conversations/${id}/claim`, { method: 'POST' });
    const claimedAt = Date.now();
    const { text } = await readChat(response);
    expect(Date.now() - claimedAt).toBeLessThan(2_000);
    await new Promise((r) => setTimeout(r, 500));
    // The full answer ends with the tracking link; the customer saw only its start, and nothing was stored.
    expect(text).toContain('Order');
    expect(text).not.toContain('track.example.com');
    const reply = await db.select().from(messages).where(eq(messages.replyTo, question));
    expect(reply).toEqual([]);
  });

  it('keeps socket identities across hibernation', async () => {
    const people = await claimed();
    const { id } = people;
    const { customer, agent } = await bothInRoom(people);
    await customer.waitFor((f) => f.type === 'presence' && (f.participants as unknown[]).length === 2);
    await evictDurableObject(env.HANDOFF_ROOM.get(env.HANDOFF_ROOM.idFromName(id)));
    const after = uuid();
    agent.send({ type: 'message', id: after, text: 'still here after a nap' });
    const got = await customer.waitFor((f) => f.type === 'message' && (f.message as { id: string }).id === after);
    expect(got.message).toMatchObject({ author: 'agent', agentId: 'agt_alex' });
  });
});

describe('who may do what', () => {
  it('keeps customers out of other rooms and agent routes', async () => {
    const { id } = await queued();
    const lars = await signedIn('lars@example.com');
    expect((await lars.fetch(`/api/conversations/${id}/ws`, { headers: { upgrade: 'websocket' } })).status).toBe(404);
    expect((await lars.fetch('/api/agent/queue')).status).toBe(403);
    expect((await client().fetch('/api/agent/queue')).status).toBe(401);
    expect((await lars.fetch(`/api/agent/conversations/${id}/ws`, { headers: { upgrade: 'websocket' } })).status).toBe(403);
  });

  it('lets an agent post only in a room they claimed, and validates frames', async () => {
    const { id } = await queued();
    const alex = await agentSignedIn('agent@example.com');
    const agent = await openSocket(alex, `/api/agent/conversations/${id}/ws`);
    agent.send({ type: 'message', id: uuid(), text: 'hello' });
    expect(await agent.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'not_claimed' });
    agent.send({ type: 'message', id: 'not-a-uuid', text: 'hello' });
    expect(await agent.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'invalid_frame', field: 'id' });
    agent.ws.send('{nope');
    expect(await agent.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'invalid_json' });
  });

  it('checks a refusal against D1, so a lost status notification does not lock the owner out', async () => {
    const { alex, id } = await claimed();
    const agent = await openSocket(alex, `/api/agent/conversations/${id}/ws`);
    // The room missed the claim: it still believes the conversation is waiting.
    await runInDurableObject(env.HANDOFF_ROOM.get(env.HANDOFF_ROOM.idFromName(id)), (_room, state) => {
      state.storage.kv.put('ownership', { status: 'queued', agentId: null, checkedAt: Date.now() });
    });
    const message = uuid();
    agent.send({ type: 'message', id: message, text: 'Alex here' });
    expect(await agent.waitFor((f) => f.type === 'ack' || f.type === 'error')).toMatchObject({ type: 'ack', id: message });
    agent.close();
  });

  it('only the owner or a supervisor resolves; the queue lists waiting hand-offs by urgency', async () => {
    const { id } = await queued();
    const emma = await signedIn('emma@example.com');
    const urgent = uuid();
    await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(urgent, uuid(), 'someone hacked my account and bought things') }));
    const alex = await agentSignedIn('agent@example.com');
    const queue = (await (await alex.fetch('/api/agent/queue')).json()) as { queue: { conversationId: string; category: string }[] };
    const ids = queue.queue.map((q) => q.conversationId);
    expect(ids.indexOf(urgent)).toBeLessThan(ids.indexOf(id));
    const sam = await agentSignedIn('supervisor@example.com');
    await sam.fetch(`/api/agent/conversations/${id}/claim`, { method: 'POST' });
    expect((await alex.fetch(`/api/agent/conversations/${id}/resolve`, { method: 'POST' })).status).toBe(403);
    expect((await sam.fetch(`/api/agent/conversations/${id}/resolve`, { method: 'POST' })).status).toBe(200);
    const detail = (await (await emma.fetch(`/api/conversations/${id}`)).json()) as { status: string; messages: { author: string }[] };
    expect(detail.status).toBe('resolved');
    expect((await emma.fetch(`/api/conversations/${id}/rating`, { method: 'POST', json: { score: 5 } })).status).toBe(201);
    expect((await emma.fetch(`/api/conversations/${id}/rating`, { method: 'POST', json: { score: 9 } })).status).toBe(422);
  });
});

describe('quality figures', () => {
  it('counts containment, hand-offs, ratings and time to a person', async () => {
    const emma = await signedIn('emma@example.com');
    await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(uuid(), uuid(), 'how do I reset my password?') }));
    const { id } = await queued();
    const alex = await agentSignedIn('agent@example.com');
    await alex.fetch(`/api/agent/conversations/${id}/claim`, { method: 'POST' });
    await alex.fetch(`/api/agent/conversations/${id}/resolve`, { method: 'POST' });
    await emma.fetch(`/api/conversations/${id}/rating`, { method: 'POST', json: { score: 4 } });
    const figures = (await (await alex.fetch('/api/agent/metrics')).json()) as {
      conversations: number; containment: number; handoffRate: number; csat: { average: number; count: number }; timeToHumanMsMedian: number; firstTokenMsMedian: number;
    };
    expect(figures.conversations).toBeGreaterThanOrEqual(2);
    expect(figures.containment + figures.handoffRate).toBeCloseTo(1);
    expect(figures.handoffRate).toBeGreaterThan(0);
    expect(figures.csat.count).toBeGreaterThanOrEqual(1);
    expect(figures.timeToHumanMsMedian).toBeGreaterThanOrEqual(0);
    expect(figures.firstTokenMsMedian).toBeGreaterThanOrEqual(0);
    expect((await emma.fetch('/api/agent/metrics')).status).toBe(403);
  });
});

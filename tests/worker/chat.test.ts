import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { chatBody, client, readChat, signedIn } from './helpers';

const uuid = () => crypto.randomUUID();

async function conversation(c: Awaited<ReturnType<typeof signedIn>>, id: string) {
  const response = await c.fetch(`/api/conversations/${id}`);
  return { status: response.status, body: (await response.json()) as { status: string; messages: { author: string; text: string; id: string }[]; handoff: unknown } };
}

describe('POST /api/chat with the offline model', () => {
  it('answers Emma about her real order in English, streamed', async () => {
    const emma = await signedIn('emma@example.com');
    const id = uuid();
    const response = await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), 'Hi, where is my order?') });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const { chunks, text } = await readChat(response);
    expect(chunks.filter((c) => c.type === 'text-delta').length).toBeGreaterThan(5);
    expect(text).toContain('44108031');
    expect(text).toContain('Northwind Outdoor');
    expect(text).toMatch(/AI assistant/);
    const { body } = await conversation(emma, id);
    expect(body.status).toBe('ai');
    expect(body.messages.map((m) => m.author)).toEqual(['customer', 'ai']);
  });

  it('does not answer the same message twice', async () => {
    const emma = await signedIn('emma@example.com');
    const id = uuid();
    const messageId = uuid();
    const first = await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, messageId, 'When is my next payment due?') }));
    const second = await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, messageId, 'When is my next payment due?') }));
    expect(second.text).toBe(first.text);
    const { body } = await conversation(emma, id);
    expect(body.messages.filter((m) => m.author === 'customer')).toHaveLength(1);
    expect(body.messages.filter((m) => m.author === 'ai')).toHaveLength(1);
  });

  it('sends fraud to a person with no AI answer', async () => {
    const emma = await signedIn('emma@example.com');
    const id = uuid();
    const { text } = await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), 'There are purchases on my account I did not make, I think I was hacked') }));
    expect(text).toContain('person');
    const { body } = await conversation(emma, id);
    expect(body.status).toBe('queued');
    expect(body.handoff).toMatchObject({ category: 'fraud' });
    expect(body.messages.map((m) => m.author)).toEqual(['customer', 'system']);
  });

  it("hides other people's conversations", async () => {
    const emma = await signedIn('emma@example.com');
    const lars = await signedIn('lars@example.com');
    const id = uuid();
    await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), 'hello') }));
    expect((await lars.fetch(`/api/conversations/${id}`)).status).toBe(404);
    const hijack = await lars.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), 'hello') });
    expect(hijack.status).toBe(404);
  });
});

describe('bad input to POST /api/chat', () => {
  it('names the field', async () => {
    const c = client();
    const missing = await c.fetch('/api/chat', { method: 'POST', json: { messages: [] } });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ error: { code: 'invalid_input', field: 'id' } });
    const notJson = await c.fetch('/api/chat', { method: 'POST', body: '{oops', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
  });

  it('refuses a message over the length limit', async () => {
    const c = client();
    const response = await c.fetch('/api/chat', { method: 'POST', json: chatBody(uuid(), uuid(), 'x'.repeat(4001)) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'message_too_long', field: 'messages.0.parts' } });
  });

  it('needs a session for account data', async () => {
    expect((await client().fetch('/api/orders')).status).toBe(401);
    expect(env.DEMO_MODE).toBe('true');
  });
});

describe('triage through /api/chat', () => {
  it('sends Swedish fraud to the queue with no AI answer', async () => {
    const lars = await signedIn('lars@example.com');
    const id = uuid();
    const { chunks } = await readChat(await lars.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), 'Någon har kapat mitt konto och handlat för 3 000 kr som jag inte har gjort!') }));
    expect(chunks.some((c) => c.type === 'tool-input-available')).toBe(false);
    const { body } = await conversation(lars, id);
    expect(body.status).toBe('queued');
    expect(body.handoff).toMatchObject({ category: 'fraud' });
    expect(body.messages.filter((m) => m.author === 'ai')).toHaveLength(0);
  });

  it('keeps "no quiero un agente, solo el seguimiento" with the AI', async () => {
    const ana = await signedIn('ana@example.com');
    const id = uuid();
    const { text } = await readChat(await ana.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), 'no quiero un agente, solo el seguimiento de mi pedido') }));
    expect(text).toContain('34107031');
    const { body } = await conversation(ana, id);
    expect(body.status).toBe('ai');
  });

  it('shows crisis help in the customer language at once and puts the case first', async () => {
    const ana = await signedIn('ana@example.com');
    const id = uuid();
    const { text } = await readChat(await ana.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), 'ya no quiero vivir, no puedo más con todo esto') }));
    expect(text).toContain('112');
    const agent = client();
    await agent.fetch('/api/dev/agent-session', { method: 'POST', json: { email: 'agent@example.com' } });
    const queue = (await (await agent.fetch('/api/agent/queue')).json()) as { queue: { conversationId: string; category: string }[] };
    expect(queue.queue[0]).toMatchObject({ conversationId: id, category: 'vulnerability' });
  });

  it('honours a request for a person at once, in any language', async () => {
    const yuki = await signedIn('yuki@example.com');
    const id = uuid();
    await readChat(await yuki.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), 'オペレーターと話したいです') }));
    expect((await conversation(yuki, id)).body).toMatchObject({ status: 'queued', handoff: { category: 'human_request' } });
  });

  it('offers a person when the customer repeats themselves in frustration', async () => {
    const emma = await signedIn('emma@example.com');
    const id = uuid();
    for (const text of ['what is your opening hours', 'what is your opening hours']) {
      await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), text) }));
    }
    const { text } = await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), 'this is useless. what is your opening hours') }));
    expect(text).toContain('Would you like to talk to a person');
    expect((await conversation(emma, id)).body.status).toBe('ai');
  });

  it('never lets a message move a conversation from a person back to the AI', async () => {
    const emma = await signedIn('emma@example.com');
    const id = uuid();
    await emma.fetch(`/api/conversations/${id}/handoff`, { method: 'POST', json: {} });
    const { chunks } = await readChat(await emma.fetch('/api/chat', { method: 'POST', json: chatBody(id, uuid(), "I don't need a person any more, just the tracking link") }));
    expect(chunks.some((c) => c.type === 'text-delta')).toBe(false);
    expect((await conversation(emma, id)).body.status).toBe('queued');
  });
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Outbox, backoffMs, type SendResult } from '../../client/src/lib/outbox';
import { LocalStore, inDisplayOrder, type OutboxItem } from '../../client/src/lib/store';

let n = 0;
const fresh = () => new LocalStore(`test-${++n}`);
const message = (id: string, text = id) => ({ id, conversationId: 'c1', text, locale: 'en' });

/** A fake server that stores each message id once, like the real one. */
function server(script: (item: OutboxItem, call: number) => SendResult | 'throw') {
  const stored: string[] = [];
  let calls = 0;
  const send = async (item: OutboxItem): Promise<SendResult> => {
    const result = script(item, calls++);
    if (result === 'throw') throw new TypeError('Failed to fetch');
    if (result === 'sent' && !stored.includes(item.id)) stored.push(item.id);
    return result;
  };
  return { send, stored, calls: () => calls };
}

describe('outbox', () => {
  it('sends waiting messages in the order they were written', async () => {
    const store = fresh();
    let clock = 1000;
    const s = server(() => 'sent');
    const outbox = new Outbox(store, s.send, () => clock++);
    for (const id of ['a', 'b', 'c']) await outbox.enqueue(message(id));
    expect(await outbox.count()).toBe(3);
    expect((await store.messages('c1')).map((m) => m.state)).toEqual(['pending', 'pending', 'pending']);
    await outbox.flush();
    expect(s.stored).toEqual(['a', 'b', 'c']);
    expect(await outbox.count()).toBe(0);
    expect((await store.messages('c1')).map((m) => m.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('stops at a failure so nothing overtakes it, and retries with backoff', async () => {
    const store = fresh();
    let clock = 0;
    let online = false;
    const s = server(() => (online ? 'sent' : 'throw'));
    const outbox = new Outbox(store, s.send, () => clock);
    await outbox.enqueue(message('first'));
    clock = 1;
    await outbox.enqueue(message('second'));
    await outbox.flush();
    expect(s.calls()).toBe(1);
    expect(await outbox.nextDelay()).toBe(backoffMs(1));
    await outbox.flush(); // not due yet: no call
    expect(s.calls()).toBe(1);
    clock += backoffMs(1);
    online = true;
    await outbox.flush();
    expect(s.stored).toEqual(['first', 'second']);
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));
    expect(backoffMs(20)).toBe(30_000);
  });

  it('sends exactly once across a reload', async () => {
    const name = `reload-${++n}`;
    const before = new LocalStore(name);
    const offline = server(() => 'throw');
    await new Outbox(before, offline.send).enqueue(message('m1', 'written offline'));
    await new Outbox(before, offline.send).flush();
    // The page reloads: a new store and outbox over the same IndexedDB.
    const after = new LocalStore(name);
    const s = server(() => 'sent');
    const outbox = new Outbox(after, s.send, () => Date.now() + 60_000);
    await Promise.all([outbox.flush(), outbox.flush()]);
    await outbox.flush();
    expect(s.stored).toEqual(['m1']);
    expect(s.calls()).toBe(1);
    expect((await after.messages('c1'))[0]).toMatchObject({ text: 'written offline', state: 'sent' });
  });

  it('marks a message the server refuses as failed and moves on', async () => {
    const store = fresh();
    const s = server((item) => (item.id === 'bad' ? 'rejected' : 'sent'));
    const outbox = new Outbox(store, s.send);
    await outbox.enqueue(message('bad'));
    await outbox.enqueue(message('good'));
    await outbox.flush();
    const states = Object.fromEntries((await store.messages('c1')).map((m) => [m.id, m.state]));
    expect(states).toEqual({ bad: 'failed', good: 'sent' });
  });
});

describe('local store', () => {
  it('orders numbered messages by number and waiting ones after them', () => {
    const base = { conversationId: 'c', author: 'customer' as const, text: '', state: 'sent' as const };
    const sorted = inDisplayOrder([
      { ...base, id: 'p2', seq: null, createdAt: 20 },
      { ...base, id: 's2', seq: 2, createdAt: 30 },
      { ...base, id: 'p1', seq: null, createdAt: 10 },
      { ...base, id: 's1', seq: 1, createdAt: 40 },
    ]);
    expect(sorted.map((m) => m.id)).toEqual(['s1', 's2', 'p1', 'p2']);
  });

  it('tells listeners about changes', async () => {
    const store = fresh();
    let changes = 0;
    store.onChange(() => changes++);
    await store.putConversations([{ id: 'c1', status: 'ai', title: 't', lastMessage: null, updatedAt: 1 }]);
    await store.setStatus('c1', 'queued');
    expect(changes).toBe(2);
    expect((await store.conversation('c1'))?.status).toBe('queued');
  });
});

import { api, type ConversationDetail, type ConversationSummary } from './api';
import { Outbox, type SendResult } from './outbox';
import { LocalStore, type OutboxItem } from './store';

export const store = new LocalStore();

type ReplyReader = (body: ReadableStream<Uint8Array>) => Promise<void>;
/** Open conversation views read the streamed reply as it arrives. */
const readers = new Map<string, ReplyReader>();

export function onReply(conversationId: string, reader: ReplyReader): () => void {
  readers.set(conversationId, reader);
  return () => readers.delete(conversationId);
}

async function sendChat(item: OutboxItem): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: item.conversationId,
        messages: [{ id: item.id, role: 'user', parts: [{ type: 'text', text: item.text }] }],
        trigger: 'submit-message',
        locale: item.locale,
      }),
    });
  } catch {
    return 'retry'; // offline or the connection dropped: try again later
  }
  if (response.status >= 500 || response.status === 429 || response.status === 408) return 'retry';
  if (!response.ok || !response.body) return 'rejected';
  const reader = readers.get(item.conversationId);
  try {
    if (reader) await reader(response.body);
    else await response.body.cancel();
  } finally {
    // The server has the message and (soon) the reply: take its numbered copy.
    await syncConversation(item.conversationId).catch(() => {});
  }
  return 'sent';
}

export const outbox = new Outbox(store, sendChat);

let timer: ReturnType<typeof setTimeout> | undefined;

/** Sends what waits, then schedules the next retry if something is still waiting. */
export async function flushOutbox(): Promise<void> {
  clearTimeout(timer);
  if (!navigator.onLine) return;
  await outbox.flush();
  const delay = await outbox.nextDelay();
  if (delay !== null) timer = setTimeout(() => void flushOutbox(), Math.max(delay, 250));
}

export function startSync(): void {
  addEventListener('online', () => void flushOutbox());
  void flushOutbox();
}

/** Brings one conversation up to date from the server (newest messages, status). */
export async function syncConversation(id: string): Promise<ConversationDetail | undefined> {
  let detail: ConversationDetail;
  try {
    detail = await api<ConversationDetail>(`/api/conversations/${id}`);
  } catch {
    return undefined;
  }
  const existing = await store.conversation(id);
  const last = detail.messages.at(-1);
  await store.putMessages(
    detail.messages.map((m) => ({ id: m.id, conversationId: id, seq: m.seq, author: m.author, text: m.text, state: 'sent' as const, createdAt: m.createdAt })),
  );
  await store.putConversations([
    {
      id,
      status: detail.status,
      title: existing?.title ?? detail.messages.find((m) => m.author === 'customer')?.text.slice(0, 80) ?? null,
      lastMessage: last?.text ?? existing?.lastMessage ?? null,
      updatedAt: last?.createdAt ?? existing?.updatedAt ?? Date.now(),
    },
  ]);
  return detail;
}

export async function syncConversationList(): Promise<void> {
  const { conversations } = await api<{ conversations: ConversationSummary[] }>('/api/conversations');
  await store.putConversations(
    conversations.map((c) => ({ id: c.id, status: c.status, title: c.title, lastMessage: c.lastMessage, updatedAt: c.updatedAt })),
  );
}

/** Forgets this device's copy (on sign-out: the next account must not see it). */
export async function clearLocal(): Promise<void> {
  await store.clear();
}

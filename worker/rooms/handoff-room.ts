import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import {
  clientFrameSchema,
  type ConversationStatus,
  type Participant,
  type QueueInfo,
  type RoomFrame,
  type RoomMessage,
} from '../../shared/protocol';
import type { Bindings } from '../config';
import { broadcast } from './sockets';
import { getConversation } from '../data/conversations';
import { openDb } from '../data/db';
import { owningAgent } from '../data/handoffs';
import { appendMessage, getMessage, listMessages, type StoredMessage } from '../data/messages';

/** Who a socket belongs to; set by the Worker after it checked the session. */
export const participantSchema = z.object({
  role: z.enum(['customer', 'agent', 'supervisor']),
  id: z.string().min(1),
  name: z.string(),
});

const attachmentSchema = participantSchema.extend({ conversationId: z.string() });
type Attachment = z.infer<typeof attachmentSchema>;

interface Ownership {
  status: ConversationStatus;
  agentId: string | null;
  checkedAt: number;
}
const OWNERSHIP_KEY = 'ownership';
const OWNERSHIP_TTL_MS = 30_000;

export const PARTICIPANT_HEADER = 'x-baton-participant';
export const CONVERSATION_HEADER = 'x-baton-conversation';

export function toRoomMessage(m: StoredMessage): RoomMessage {
  return { id: m.id, seq: m.seq, author: m.author, text: m.text, agentId: m.agentId, createdAt: m.createdAt };
}

/**
 * One room per handed-off conversation. Uses the WebSocket Hibernation API: the room
 * sleeps between messages and each socket's identity survives in its attachment.
 * D1 is the record: each message is stored there once (by its id) and gets its sequence
 * number there, so a client resuming from a number gets exactly what it missed.
 */
export class HandoffRoom extends DurableObject<Bindings> {
  readonly #db = openDb(this.env.DB);
  #refreshing: Promise<unknown> | null = null;

  /**
   * Whether `me` may post now, from who owns the conversation. Every state change calls
   * setStatus, which records the owner in the room's own storage, so a relay needs no D1
   * read. In case a notification was lost, a refusal is checked against D1 before it is
   * sent, and an owner recorded more than OWNERSHIP_TTL_MS ago is re-read from D1 behind
   * the relay, never in its way.
   */
  async #refusal(me: Attachment): Promise<RoomFrame | null> {
    const known = this.ctx.storage.kv.get<Ownership>(OWNERSHIP_KEY);
    if (known && !refusalFor(me, known)) {
      if (Date.now() - known.checkedAt > OWNERSHIP_TTL_MS) {
        this.#refreshing ??= this.#loadOwnership(me.conversationId)
          .catch(() => undefined)
          .finally(() => (this.#refreshing = null));
      }
      return null;
    }
    return refusalFor(me, await this.#loadOwnership(me.conversationId));
  }

  async #loadOwnership(conversationId: string): Promise<Ownership | undefined> {
    const before = this.ctx.storage.kv.get<Ownership>(OWNERSHIP_KEY)?.checkedAt;
    const [conversation, agentId] = await Promise.all([getConversation(this.#db, conversationId), owningAgent(this.#db, conversationId)]);
    if (!conversation) return undefined;
    // A status set while D1 was being read is newer than what was read.
    const meanwhile = this.ctx.storage.kv.get<Ownership>(OWNERSHIP_KEY);
    if (meanwhile && meanwhile.checkedAt !== before) return meanwhile;
    const ownership = { status: conversation.status, agentId, checkedAt: Date.now() };
    this.ctx.storage.kv.put(OWNERSHIP_KEY, ownership);
    return ownership;
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade') !== 'websocket') return new Response('expected a WebSocket', { status: 426 });
    const participant = participantSchema.parse(JSON.parse(request.headers.get(PARTICIPANT_HEADER) ?? 'null'));
    const conversationId = z.string().parse(request.headers.get(CONVERSATION_HEADER));
    const lastSeq = Number(new URL(request.url).searchParams.get('lastSeq') ?? 0) || 0;
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [participant.role === 'customer' ? 'customer' : 'agent']);
    server.serializeAttachment({ ...participant, conversationId } satisfies Attachment);
    const conversation = await getConversation(this.#db, conversationId);
    if (conversation) send(server, { type: 'status', status: conversation.status });
    await this.#replay(server, conversationId, lastSeq);
    this.#broadcastPresence();
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const me = attachmentOf(ws);
    if (!me) return ws.close(1008, 'unknown socket');
    let json: unknown;
    try {
      json = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw));
    } catch {
      return send(ws, { type: 'error', code: 'invalid_json', message: 'Frames are JSON' });
    }
    const parsed = clientFrameSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'type';
      return send(ws, { type: 'error', code: 'invalid_frame', message: `${field}: ${issue?.message}`, field });
    }
    const frame = parsed.data;
    switch (frame.type) {
      case 'ping':
        return send(ws, { type: 'pong' });
      case 'resume':
        return this.#replay(ws, me.conversationId, frame.lastSeq);
      case 'typing':
        return this.#broadcast({ type: 'typing', role: me.role, name: me.name, typing: frame.typing }, ws);
      case 'message':
        return this.#post(ws, me, frame.id, frame.text);
    }
  }

  override async webSocketClose(ws: WebSocket): Promise<void> {
    ws.close();
    this.#broadcastPresence(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.#broadcastPresence(ws);
  }

  /** A message that reached D1 another way (the chat endpoint, a system event): show it live. */
  async relay(message: RoomMessage): Promise<void> {
    this.#broadcast({ type: 'message', message });
  }

  async setStatus(status: ConversationStatus, agentName?: string, agentId: string | null = null): Promise<void> {
    this.ctx.storage.kv.put(OWNERSHIP_KEY, { status, agentId: status === 'human' ? agentId : null, checkedAt: Date.now() } satisfies Ownership);
    this.#broadcast({ type: 'status', status, ...(agentName ? { agentName } : {}) });
  }

  async setQueue(queue: QueueInfo): Promise<void> {
    for (const ws of this.ctx.getWebSockets('customer')) send(ws, { type: 'queue', queue });
  }

  async #post(ws: WebSocket, me: Attachment, id: string, text: string): Promise<void> {
    const refusal = await this.#refusal(me);
    if (refusal) return send(ws, refusal);
    const author = me.role === 'customer' ? 'customer' : 'agent';
    const stored = await appendMessage(this.#db, {
      id,
      conversationId: me.conversationId,
      author,
      text,
      agentId: author === 'agent' ? me.id : null,
    });
    if (!stored) {
      // A resent frame: acknowledge it with the number it already has, broadcast nothing.
      const existing = await getMessage(this.#db, id);
      return existing?.conversationId === me.conversationId ? send(ws, { type: 'ack', id, seq: existing.seq }) : undefined;
    }
    send(ws, { type: 'ack', id, seq: stored.seq });
    this.#broadcast({
      type: 'message',
      message: { id, seq: stored.seq, author, text, agentId: author === 'agent' ? me.id : null, createdAt: Date.now() },
    });
  }

  async #replay(ws: WebSocket, conversationId: string, lastSeq: number): Promise<void> {
    for (const m of await listMessages(this.#db, conversationId, lastSeq)) send(ws, { type: 'message', message: toRoomMessage(m) });
  }

  #broadcast(frame: RoomFrame, except?: WebSocket): void {
    broadcast(this.ctx.getWebSockets(), frame, except);
  }

  #broadcastPresence(leaving?: WebSocket): void {
    const participants = new Map<string, Participant>();
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === leaving) continue;
      const a = attachmentOf(ws);
      if (a) participants.set(`${a.role}:${a.id}`, { role: a.role, id: a.id, name: a.name });
    }
    this.#broadcast({ type: 'presence', participants: [...participants.values()] }, leaving);
  }
}

/** Why `me` may not post while `ownership` holds; null when they may. */
function refusalFor(me: Attachment, ownership: Ownership | undefined): RoomFrame | null {
  if (!ownership) return { type: 'error', code: 'not_found', message: 'Conversation not found' };
  if (me.role === 'customer') {
    return ownership.status === 'queued' || ownership.status === 'human'
      ? null
      : { type: 'error', code: 'wrong_state', message: 'The AI is handling this conversation: send through the chat' };
  }
  return ownership.status === 'human' && ownership.agentId === me.id
    ? null
    : { type: 'error', code: 'not_claimed', message: 'Claim the conversation before replying' };
}

function attachmentOf(ws: WebSocket): Attachment | undefined {
  const parsed = attachmentSchema.safeParse(ws.deserializeAttachment());
  return parsed.success ? parsed.data : undefined;
}

function send(ws: WebSocket, frame: RoomFrame): void {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // closed meanwhile
  }
}

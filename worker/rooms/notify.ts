import type { ConversationStatus, Participant, RoomMessage } from '../../shared/protocol';
import type { Db } from '../app-env';
import type { Bindings } from '../config';
import { appendMessage } from '../data/messages';
import { CONVERSATION_HEADER, PARTICIPANT_HEADER } from './handoff-room';

export const roomOf = (env: Bindings, conversationId: string) => env.HANDOFF_ROOM.get(env.HANDOFF_ROOM.idFromName(conversationId));
export const lobbyOf = (env: Bindings) => env.LOBBY.get(env.LOBBY.idFromName('lobby'));

/** Tells everyone live about a change: the room's people and, for queue changes, the agents. */
export async function announce(
  env: Bindings,
  conversationId: string,
  change: { status?: ConversationStatus; agentName?: string; agentId?: string; messages?: RoomMessage[]; queueChanged?: boolean },
): Promise<void> {
  const room = roomOf(env, conversationId);
  for (const message of change.messages ?? []) await room.relay(message);
  if (change.status) await room.setStatus(change.status, change.agentName, change.agentId ?? null);
  if (change.queueChanged) await lobbyOf(env).notify();
}

/** Writes a system event into the transcript (the customer sees it) and shows it live. */
export async function systemEvent(env: Bindings, db: Db, conversationId: string, text: string): Promise<RoomMessage | null> {
  const id = crypto.randomUUID();
  const stored = await appendMessage(db, { id, conversationId, author: 'system', text });
  if (!stored) return null;
  const message: RoomMessage = { id, seq: stored.seq, author: 'system', text, agentId: null, createdAt: Date.now() };
  await roomOf(env, conversationId).relay(message);
  return message;
}

/** Hands a WebSocket upgrade to the conversation's room, with the identity the Worker checked. */
export function connectRoom(env: Bindings, request: Request, conversationId: string, participant: Participant): Promise<Response> {
  return upgrade(roomOf(env, conversationId), request, participant, conversationId);
}

export function connectLobby(env: Bindings, request: Request, participant: Participant): Promise<Response> {
  return upgrade(lobbyOf(env), request, participant);
}

async function upgrade(stub: { fetch(request: Request): Promise<Response> }, request: Request, participant: Participant, conversationId?: string) {
  const headers = new Headers(request.headers);
  headers.set(PARTICIPANT_HEADER, JSON.stringify(participant));
  if (conversationId) headers.set(CONVERSATION_HEADER, conversationId);
  const response = await stub.fetch(new Request(request.url, { headers }));
  // A fresh response, so middleware may still add its headers.
  return response.webSocket ? new Response(null, { status: 101, webSocket: response.webSocket }) : response;
}

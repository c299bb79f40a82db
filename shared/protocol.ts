/**
 * The wire protocol of the live sockets: every frame has one definition here, used by the
 * Durable Objects (which validate what they receive) and by the clients.
 */
import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from './limits';

export const AUTHORS = ['customer', 'ai', 'agent', 'system'] as const;
export const CONVERSATION_STATUSES = ['ai', 'queued', 'human', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type Author = (typeof AUTHORS)[number];


export const roomMessageSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  author: z.enum(AUTHORS),
  text: z.string(),
  agentId: z.string().nullable().optional(),
  createdAt: z.number(),
});
export type RoomMessage = z.infer<typeof roomMessageSchema>;

/** Frames a client sends to a hand-off room. */
export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resume'), lastSeq: z.number().int().min(0) }),
  z.object({ type: z.literal('message'), id: z.uuid(), text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS) }),
  z.object({ type: z.literal('typing'), typing: z.boolean() }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export interface Participant {
  role: 'customer' | 'agent' | 'supervisor';
  id: string;
  name: string;
}

export interface QueueInfo {
  position: number;
  agentsOnline: number;
  /** Null when no agent is online: the request stays queued. */
  expectedWaitMs: number | null;
}

/** Frames a hand-off room sends. */
export type RoomFrame =
  | { type: 'message'; message: RoomMessage }
  | { type: 'ack'; id: string; seq: number }
  | { type: 'typing'; role: Participant['role']; name: string; typing: boolean }
  | { type: 'presence'; participants: Participant[] }
  | { type: 'status'; status: ConversationStatus; agentName?: string }
  | { type: 'queue'; queue: QueueInfo }
  | { type: 'error'; code: string; message: string; field?: string }
  | { type: 'pong' };

export interface QueueItem {
  handoffId: string;
  conversationId: string;
  category: string;
  reason: string;
  priority: number;
  locale: string;
  signedIn: boolean;
  createdAt: number;
  status: 'queued' | 'claimed';
  agentId: string | null;
  agentName: string | null;
}

/** Frames the agents' lobby sends. */
export type LobbyFrame =
  | { type: 'queue'; items: QueueItem[]; agentsOnline: number }
  | { type: 'error'; code: string; message: string };

import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import type { LobbyFrame } from '../../shared/protocol';
import type { Bindings } from '../config';
import { openDb } from '../data/db';
import { loadQueue, recentWaits } from '../data/queue';
import { expectedWaitMs } from '../policy/wait';
import { PARTICIPANT_HEADER, participantSchema } from './handoff-room';
import { broadcast } from './sockets';

/**
 * One lobby for all agents: it pushes the queue to every signed-in agent whenever it
 * changes (no polling) and knows how many agents are online, for the customers' wait.
 */
export class AgentLobby extends DurableObject<Bindings> {
  readonly #db = openDb(this.env.DB);

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade') !== 'websocket') return new Response('expected a WebSocket', { status: 426 });
    const agent = participantSchema.parse(JSON.parse(request.headers.get(PARTICIPANT_HEADER) ?? 'null'));
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment(agent);
    await this.notify();
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const frame = z.object({ type: z.literal('ping') }).safeParse(safeJson(raw));
    if (frame.success) ws.send(JSON.stringify({ type: 'pong' }));
  }

  override async webSocketClose(ws: WebSocket): Promise<void> {
    ws.close();
    await this.notify(ws);
  }

  async agentsOnline(except?: WebSocket): Promise<number> {
    const ids = new Set<string>();
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except) continue;
      const a = participantSchema.safeParse(ws.deserializeAttachment());
      if (a.success) ids.add(a.data.id);
    }
    return ids.size;
  }

  /** Reloads the queue, sends it to every agent, and tells each waiting customer their place and wait. */
  async notify(leaving?: WebSocket): Promise<void> {
    const [items, waits, agentsOnline] = await Promise.all([loadQueue(this.#db), recentWaits(this.#db), this.agentsOnline(leaving)]);
    broadcast(this.ctx.getWebSockets(), { type: 'queue', items, agentsOnline } satisfies LobbyFrame, leaving);
    const waiting = items.filter((i) => i.status === 'queued').slice(0, 50);
    await Promise.all(
      waiting.map((item, index) =>
        this.env.HANDOFF_ROOM.get(this.env.HANDOFF_ROOM.idFromName(item.conversationId)).setQueue({
          position: index + 1,
          agentsOnline,
          expectedWaitMs: expectedWaitMs(index + 1, agentsOnline, waits),
        }),
      ),
    );
  }
}

function safeJson(raw: string | ArrayBuffer): unknown {
  try {
    return JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw));
  } catch {
    return null;
  }
}

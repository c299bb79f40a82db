import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../config';

/** Pushes queue changes to signed-in agents (see the hand-off rooms issue). */
export class AgentLobby extends DurableObject<Bindings> {
  override async fetch(): Promise<Response> {
    return Response.json({ error: { code: 'not_implemented', message: 'The live queue is not available yet' } }, { status: 501 });
  }
}

import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../config';

/** One room per handed-off conversation (live relay: see the hand-off rooms issue). */
export class HandoffRoom extends DurableObject<Bindings> {
  override async fetch(): Promise<Response> {
    return Response.json({ error: { code: 'not_implemented', message: 'Live rooms are not available yet' } }, { status: 501 });
  }
}

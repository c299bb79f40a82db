import { startLocalServer, type Serve } from './local-server';

const ROOMS = Number(process.env.BENCH_ROOMS ?? 200);
const MESSAGES_PER_ROOM = Number(process.env.BENCH_MESSAGES ?? 5);

interface Pace {
  name: string;
  roundMs: number;
}

/**
 * Two paces: a chat-like one (each room's agent writes every 5 s: 40 messages/s over 200
 * rooms, rooms go idle and wake between messages) and a stress one (every room every
 * second: 200 messages/s).
 */
const PACES: Pace[] = [
  { name: 'room', roundMs: 5_000 },
  { name: 'room_stress', roundMs: 1_000 },
];

/**
 * The target is measured as Cloudflare serves the Worker: workerd with nothing in between.
 * `vite preview` puts a Node proxy in front of every frame, which costs its own tail; the
 * chat-like pace is measured through it as well so that difference stays visible.
 */
const STACKS: { serve: Serve; port: number; prefix: string; paces: Pace[] }[] = [
  { serve: 'wrangler', port: 8798, prefix: '', paces: PACES },
  { serve: 'vite-preview', port: 8796, prefix: 'vite_preview_', paces: PACES.slice(0, 1) },
];

async function session(baseURL: string, path: string, email: string): Promise<string> {
  const response = await fetch(`${baseURL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

function socket(url: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    // Node's WebSocket (undici) accepts headers, so the session cookie goes along as in a browser.
    const ws = new WebSocket(url, { headers: { cookie } } as unknown as string[]);
    ws.addEventListener('open', () => resolve(ws), { once: true });
    ws.addEventListener('error', (e) => reject(new Error(`socket error ${String((e as ErrorEvent).message ?? '')}`)), { once: true });
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Pair {
  customer: WebSocket;
  agent: WebSocket;
}

/** Every agent sends MESSAGES_PER_ROOM messages at the pace; each is timed until its customer has it. */
async function measure(pairs: Pair[], roundMs: number) {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const onMessage = (event: MessageEvent) => {
    const frame = JSON.parse(String(event.data)) as { type: string; message?: { id: string; author: string } };
    if (frame.type !== 'message' || frame.message?.author !== 'agent') return;
    const start = sentAt.get(frame.message.id);
    if (start !== undefined) {
      latencies.push(performance.now() - start);
      sentAt.delete(frame.message.id);
    }
  };
  for (const { customer } of pairs) customer.addEventListener('message', onMessage);
  // Round 0 warms the rooms up and is not counted.
  for (let round = 0; round <= MESSAGES_PER_ROOM; round++) {
    for (const { agent } of pairs) {
      const id = crypto.randomUUID();
      if (round > 0) sentAt.set(id, performance.now());
      agent.send(JSON.stringify({ type: 'message', id, text: `message ${round}` }));
      await pause(roundMs / pairs.length);
    }
  }
  const total = pairs.length * MESSAGES_PER_ROOM;
  const deadline = Date.now() + 15_000;
  while (latencies.length < total && Date.now() < deadline) await pause(50);
  for (const { customer } of pairs) customer.removeEventListener('message', onMessage);
  const sorted = [...latencies].sort((x, y) => x - y);
  return {
    messages_per_s: Math.round((pairs.length * 1000) / roundMs),
    messages: total,
    relay_p50_ms: Number(percentile(sorted, 50).toFixed(2)),
    relay_p99_ms: Number(percentile(sorted, 99).toFixed(2)),
    lost_messages: total - latencies.length,
  };
}

/**
 * Room relay latency with ROOMS rooms, each with one customer and one agent socket open
 * at once, against the production build served locally.
 */
export async function benchRooms(): Promise<Record<string, number>> {
  const figures: Record<string, number> = { room_rooms: ROOMS };
  let build = true;
  for (const stack of STACKS) {
    const server = await startLocalServer({ stateDir: process.env.BENCH_STATE_DIR ?? '.wrangler/bench-state', port: stack.port, serve: stack.serve, build });
    build = false;
    try {
      const pairs = await openRooms(server.baseURL);
      for (const pace of stack.paces) {
        const result = await measure(pairs, pace.roundMs);
        for (const [key, value] of Object.entries(result)) figures[`${stack.prefix}${pace.name}_${key}`] = value;
        console.log(
          `${stack.prefix}${pace.name} (${stack.serve}): ${ROOMS} rooms, ${result.messages_per_s} msgs/s, p50 ${result.relay_p50_ms} ms, p99 ${result.relay_p99_ms} ms, lost ${result.lost_messages}`,
        );
      }
      for (const { customer, agent } of pairs) {
        customer.close();
        agent.close();
      }
    } finally {
      server.stop();
    }
  }
  return figures;
}

/** Hands ROOMS fresh conversations off, has the agent claim each, and opens both sockets. */
async function openRooms(base: string): Promise<Pair[]> {
  const wsBase = base.replace('http', 'ws');
  const customer = await session(base, '/api/dev/session', 'emma@example.com');
  const agent = await session(base, '/api/dev/agent-session', 'agent@example.com');
  const ids = Array.from({ length: ROOMS }, () => crypto.randomUUID());
  for (const id of ids) {
    await fetch(`${base}/api/conversations/${id}/handoff`, { method: 'POST', headers: { cookie: customer, 'content-type': 'application/json' }, body: '{}' });
    await fetch(`${base}/api/agent/conversations/${id}/claim`, { method: 'POST', headers: { cookie: agent } });
  }
  return Promise.all(
    ids.map(async (id) => ({
      customer: await socket(`${wsBase}/api/conversations/${id}/ws`, customer),
      agent: await socket(`${wsBase}/api/agent/conversations/${id}/ws`, agent),
    })),
  );
}

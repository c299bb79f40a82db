import { startLocalServer } from './local-server';

const ROOMS = Number(process.env.BENCH_ROOMS ?? 200);
const MESSAGES_PER_ROOM = Number(process.env.BENCH_MESSAGES ?? 10);
/** Each room sends one message per ROUND_MS (BENCH_ROUND_MS=5000: a calmer, chat-like pace). */
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1000);

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

/**
 * Room relay latency: ROOMS rooms, each with one customer and one agent socket open at
 * once; every agent sends MESSAGES_PER_ROOM messages and we time each until the customer
 * receives it. Runs against a production build served locally.
 */
export async function benchRooms(): Promise<Record<string, number>> {
  const server = await startLocalServer({ stateDir: '.wrangler/bench-state', port: 8798 });
  try {
    const base = server.baseURL;
    const wsBase = base.replace('http', 'ws');
    const customer = await session(base, '/api/dev/session', 'emma@example.com');
    const agent = await session(base, '/api/dev/agent-session', 'agent@example.com');
    const ids = Array.from({ length: ROOMS }, () => crypto.randomUUID());
    for (const id of ids) {
      await fetch(`${base}/api/conversations/${id}/handoff`, { method: 'POST', headers: { cookie: customer, 'content-type': 'application/json' }, body: '{}' });
      await fetch(`${base}/api/agent/conversations/${id}/claim`, { method: 'POST', headers: { cookie: agent } });
    }
    const pairs = await Promise.all(
      ids.map(async (id) => ({
        customer: await socket(`${wsBase}/api/conversations/${id}/ws`, customer),
        agent: await socket(`${wsBase}/api/agent/conversations/${id}/ws`, agent),
      })),
    );
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    for (const { customer: c } of pairs) {
      c.addEventListener('message', (event) => {
        const frame = JSON.parse(String(event.data)) as { type: string; message?: { id: string; author: string } };
        if (frame.type !== 'message' || frame.message?.author !== 'agent') return;
        const start = sentAt.get(frame.message.id);
        if (start !== undefined) {
          latencies.push(performance.now() - start);
          sentAt.delete(frame.message.id);
        }
      });
    }
    const total = ROOMS * MESSAGES_PER_ROOM;
    // Each round every room's agent sends one message, spread over ROUND_MS as live chats are,
    // rather than all in the same millisecond. Round 0 warms the rooms up and is not counted.
    for (let round = 0; round <= MESSAGES_PER_ROOM; round++) {
      for (const { agent: a } of pairs) {
        const id = crypto.randomUUID();
        if (round > 0) sentAt.set(id, performance.now());
        a.send(JSON.stringify({ type: 'message', id, text: `message ${round}` }));
        await new Promise((r) => setTimeout(r, ROUND_MS / ROOMS));
      }
    }
    const deadline = Date.now() + 15_000;
    while (latencies.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const { customer: c, agent: a } of pairs) {
      c.close();
      a.close();
    }
    const sorted = [...latencies].sort((x, y) => x - y);
    const figures = {
      room_rooms: ROOMS,
      room_messages_per_s: Math.round((ROOMS * 1000) / ROUND_MS),
      room_messages: total,
      room_relay_p50_ms: Number(percentile(sorted, 50).toFixed(2)),
      room_relay_p99_ms: Number(percentile(sorted, 99).toFixed(2)),
      room_lost_messages: total - latencies.length,
    };
    console.log(`rooms: ${ROOMS} rooms, ${total} messages, p50 ${figures.room_relay_p50_ms} ms, p99 ${figures.room_relay_p99_ms} ms, lost ${figures.room_lost_messages}`);
    return figures;
  } finally {
    server.stop();
  }
}

import { exports } from 'cloudflare:workers';

export const BASE = 'http://baton.test';

export interface Client {
  cookie: string;
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/** A fetch that keeps the session cookie, like a browser would. */
export function client(): Client {
  const c: Client = {
    cookie: '',
    async fetch(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (c.cookie) headers.set('cookie', c.cookie);
      if (json !== undefined) headers.set('content-type', 'application/json');
      const response = await exports.default.fetch(new Request(`${BASE}${path}`, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body }));
      const set = response.headers.get('set-cookie');
      if (set) c.cookie = set.split(';')[0]!;
      return response;
    },
  };
  return c;
}

export async function signedIn(email: string): Promise<Client> {
  const c = client();
  const response = await c.fetch('/api/dev/session', { method: 'POST', json: { email } });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return c;
}

export function chatBody(conversationId: string, messageId: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    id: conversationId,
    messages: [{ id: messageId, role: 'user', parts: [{ type: 'text', text }] }],
    trigger: 'submit-message',
    ...extra,
  };
}

/** Reads a UI message stream response into its chunks and the concatenated text. */
export async function readChat(response: Response) {
  const raw = await response.text();
  const chunks = raw
    .split('\n\n')
    .map((e) => e.replace(/^data: /, '').trim())
    .filter((d) => d && d !== '[DONE]')
    .map((d) => JSON.parse(d) as { type: string } & Record<string, unknown>);
  const text = chunks.filter((c) => c.type === 'text-delta').map((c) => String(c.delta)).join('');
  return { chunks, text };
}

export interface Socket {
  ws: WebSocket;
  frames: ({ type: string } & Record<string, unknown>)[];
  send(frame: unknown): void;
  /** Waits for a frame matching `match` that arrived after `from` (an index into frames). */
  waitFor(match: (f: { type: string } & Record<string, unknown>) => boolean, timeoutMs?: number): Promise<{ type: string } & Record<string, unknown>>;
  close(): void;
}

/** Opens a WebSocket through the Worker, as the browser would (with the session cookie). */
export async function openSocket(c: Client, path: string): Promise<Socket> {
  const response = await c.fetch(path, { headers: { upgrade: 'websocket' } });
  if (response.status !== 101 || !response.webSocket) throw new Error(`upgrade failed: ${response.status} ${await response.text()}`);
  const ws = response.webSocket;
  ws.accept();
  const frames: Socket['frames'] = [];
  const waiters: (() => void)[] = [];
  ws.addEventListener('message', (event) => {
    frames.push(JSON.parse(String(event.data)));
    for (const w of waiters.splice(0)) w();
  });
  let seen = 0;
  return {
    ws,
    frames,
    send: (frame) => ws.send(JSON.stringify(frame)),
    async waitFor(match, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = frames.findIndex((f, i) => i >= seen && match(f));
        if (index >= 0) {
          seen = index + 1;
          return frames[index]!;
        }
        if (Date.now() > deadline) throw new Error(`no matching frame; got ${JSON.stringify(frames.slice(seen))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close: () => ws.close(),
  };
}

export async function agentSignedIn(email: string): Promise<Client> {
  const c = client();
  const response = await c.fetch('/api/dev/agent-session', { method: 'POST', json: { email } });
  if (response.status !== 200) throw new Error(`agent sign-in failed: ${response.status}`);
  return c;
}

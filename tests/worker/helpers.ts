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

import { ApiError, api, toApiError, type Author, type ConversationDetail, type ConversationStatus } from './api';
import { uuidv7 } from './ids';
import { readUiStream } from './ui-stream';

export interface ChatMessage {
  id: string;
  author: Author;
  text: string;
  seq?: number;
  state: 'sent' | 'sending' | 'streaming' | 'failed';
}

/** One conversation as the customer sees it: messages, who owns it, and sending. */
export class Conversation {
  messages = $state<ChatMessage[]>([]);
  status = $state<ConversationStatus>('ai');
  busy = $state(false);
  error = $state<string | null>(null);

  constructor(readonly id: string) {}

  async load(): Promise<void> {
    try {
      const detail = await api<ConversationDetail>(`/api/conversations/${this.id}`);
      this.status = detail.status;
      this.messages = detail.messages.map((m) => ({ id: m.id, author: m.author, text: m.text, seq: m.seq, state: 'sent' }));
    } catch (e) {
      // A conversation the client just made does not exist on the server yet.
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
  }

  async send(text: string, locale: string): Promise<void> {
    const id = uuidv7();
    this.messages.push({ id, author: 'customer', text, state: 'sending' });
    const mine = this.messages[this.messages.length - 1]!;
    this.busy = true;
    this.error = null;
    try {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: this.id,
          messages: [{ id, role: 'user', parts: [{ type: 'text', text }] }],
          trigger: 'submit-message',
          locale,
        }),
      });
      if (!response.ok || !response.body) throw await toApiError(response);
      mine.state = 'sent';
      await this.#read(response.body);
    } catch (e) {
      mine.state = 'failed';
      this.error = e instanceof ApiError ? e.message : null;
      throw e;
    } finally {
      this.busy = false;
    }
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    let current: ChatMessage | undefined;
    for await (const chunk of readUiStream(body)) {
      switch (chunk.type) {
        case 'start': {
          const meta = chunk.messageMetadata as { author?: Author } | undefined;
          this.messages.push({ id: String(chunk.messageId ?? uuidv7()), author: meta?.author ?? 'ai', text: '', state: 'streaming' });
          current = this.messages[this.messages.length - 1];
          break;
        }
        case 'text-start':
          if (current && current.text.length > 0) current.text += '\n\n';
          break;
        case 'text-delta':
          if (current) current.text += String(chunk.delta ?? '');
          break;
        case 'finish':
          if (current) current.state = 'sent';
          break;
        case 'data-handoff': {
          const data = chunk.data as { status?: ConversationStatus } | undefined;
          if (data?.status) this.status = data.status;
          break;
        }
        case 'error':
          this.error = String(chunk.errorText ?? '');
          break;
      }
    }
    if (current) current.state = 'sent';
    // An empty streamed message (a cut-off reply) is not kept on screen.
    this.messages = this.messages.filter((m) => m.author === 'customer' || m.text.length > 0);
  }

  async talkToHuman(locale: string): Promise<void> {
    await api(`/api/conversations/${this.id}/handoff`, { method: 'POST', json: { locale } });
    await this.load();
  }
}

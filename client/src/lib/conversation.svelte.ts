import type { QueueInfo, RoomFrame } from '../../../shared/protocol';
import { ApiError, api, toApiError, type Author, type ConversationDetail, type ConversationStatus } from './api';
import { uuidv7 } from './ids';
import { RoomConnection } from './room';
import { readUiStream } from './ui-stream';

export interface ChatMessage {
  id: string;
  author: Author;
  text: string;
  seq?: number;
  state: 'sent' | 'sending' | 'streaming' | 'failed';
}

/** One conversation as the customer sees it: messages, who owns it, sending and the live room. */
export class Conversation {
  messages = $state<ChatMessage[]>([]);
  status = $state<ConversationStatus>('ai');
  queue = $state<QueueInfo | null>(null);
  agentTyping = $state<string | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  #room: RoomConnection | undefined;

  constructor(readonly id: string) {}

  get lastSeq(): number {
    return this.messages.reduce((max, m) => Math.max(max, m.seq ?? 0), 0);
  }

  async load(): Promise<void> {
    try {
      const detail = await api<ConversationDetail & { queue: QueueInfo | null }>(`/api/conversations/${this.id}`);
      this.messages = detail.messages.map((m) => ({ id: m.id, author: m.author, text: m.text, seq: m.seq, state: 'sent' }));
      this.queue = detail.queue;
      this.#setStatus(detail.status);
    } catch (e) {
      // A conversation the client just made does not exist on the server yet.
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
  }

  /** Adds or updates a message by id, keeping the order of sequence numbers. */
  #upsert(message: ChatMessage): void {
    const existing = this.messages.find((m) => m.id === message.id);
    if (existing) {
      Object.assign(existing, { ...message, text: message.text || existing.text });
    } else {
      this.messages.push(message);
    }
    this.messages.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  }

  #setStatus(status: ConversationStatus): void {
    this.status = status;
    if ((status === 'queued' || status === 'human') && !this.#room) {
      this.#room = new RoomConnection(`/api/conversations/${this.id}/ws`, this.lastSeq, (frame) => this.#onFrame(frame));
    }
  }

  #onFrame(frame: RoomFrame): void {
    switch (frame.type) {
      case 'message':
        this.#upsert({ id: frame.message.id, author: frame.message.author, text: frame.message.text, seq: frame.message.seq, state: 'sent' });
        if (frame.message.author === 'agent') this.agentTyping = null;
        break;
      case 'ack': {
        const mine = this.messages.find((m) => m.id === frame.id);
        if (mine) Object.assign(mine, { seq: frame.seq, state: 'sent' });
        break;
      }
      case 'status':
        this.status = frame.status;
        if (frame.status !== 'queued') this.queue = null;
        // An AI reply cut off by a person joining was never stored: drop it from view.
        if (frame.status === 'human') this.messages = this.messages.filter((m) => m.state !== 'streaming');
        break;
      case 'queue':
        this.queue = frame.queue;
        break;
      case 'typing':
        if (frame.role !== 'customer') this.agentTyping = frame.typing ? frame.name : null;
        break;
    }
  }

  typing(typing: boolean): void {
    this.#room?.send({ type: 'typing', typing });
  }

  async send(text: string, locale: string): Promise<void> {
    const id = uuidv7();
    this.messages.push({ id, author: 'customer', text, state: 'sending' });
    const mine = this.messages[this.messages.length - 1]!;
    this.error = null;
    // A person owns the conversation: the message goes straight to the room.
    if ((this.status === 'queued' || this.status === 'human') && this.#room?.send({ type: 'message', id, text })) return;
    this.busy = true;
    try {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: this.id, messages: [{ id, role: 'user', parts: [{ type: 'text', text }] }], trigger: 'submit-message', locale }),
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
        case 'abort':
          if (current) this.messages = this.messages.filter((m) => m !== current);
          current = undefined;
          break;
        case 'data-handoff': {
          const data = chunk.data as { status?: ConversationStatus } | undefined;
          if (data?.status) this.#setStatus(data.status);
          break;
        }
        case 'error':
          this.error = String(chunk.errorText ?? '');
          break;
      }
    }
    if (current && current.state === 'streaming') current.state = 'sent';
    this.messages = this.messages.filter((m) => m.author === 'customer' || m.text.length > 0);
    // Fetch the numbers the server gave this exchange, so a later resume starts at the right place.
    if (this.status !== 'ai') await this.load();
  }

  async talkToHuman(locale: string): Promise<void> {
    await api(`/api/conversations/${this.id}/handoff`, { method: 'POST', json: { locale } });
    await this.load();
  }

  async rate(score: number, comment: string): Promise<void> {
    await api(`/api/conversations/${this.id}/rating`, { method: 'POST', json: { score, comment: comment || undefined } });
  }

  close(): void {
    this.#room?.close();
  }
}

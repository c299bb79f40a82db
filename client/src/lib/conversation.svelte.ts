import type { QueueInfo, RoomFrame } from '../../../shared/protocol';
import { api, type Author, type ConversationStatus } from './api';
import { uuidv7 } from './ids';
import { RoomConnection } from './room';
import { live, type StoredMessage } from './store';
import { flushOutbox, onReply, outbox, store, syncConversation } from './sync';
import { readUiStream } from './ui-stream';

export interface ChatMessage {
  id: string;
  author: Author;
  text: string;
  state: StoredMessage['state'] | 'streaming';
}

/**
 * One conversation as the customer sees it. The local store is the source of what is on
 * screen (so it opens offline, instantly); the server and the room keep it up to date.
 */
export class Conversation {
  #stored = $state<StoredMessage[]>([]);
  #streaming = $state<ChatMessage | null>(null);
  status = $state<ConversationStatus>('ai');
  queue = $state<QueueInfo | null>(null);
  agentTyping = $state<string | null>(null);
  busy = $state(false);
  #room: RoomConnection | undefined;
  #cleanup: (() => void)[] = [];

  constructor(readonly id: string) {
    this.#cleanup.push(
      live(store, () => store.messages(id), (rows) => {
        this.#stored = rows;
        // The streamed reply is replaced by the stored copy with the same id.
        if (this.#streaming && rows.some((m) => m.id === this.#streaming!.id)) this.#streaming = null;
      }),
      live(store, () => store.conversation(id), (row) => {
        if (row && row.status !== this.status) this.#setStatus(row.status);
      }),
      onReply(id, (body) => this.#read(body)),
    );
  }

  get messages(): ChatMessage[] {
    const shown: ChatMessage[] = this.#stored.map((m) => ({ id: m.id, author: m.author, text: m.text, state: m.state }));
    if (this.#streaming && this.#streaming.text) shown.push(this.#streaming);
    return shown;
  }

  get pending(): number {
    return this.#stored.filter((m) => m.state === 'pending').length;
  }

  async load(): Promise<void> {
    const detail = await syncConversation(this.id);
    if (detail) this.queue = (detail as { queue?: QueueInfo | null }).queue ?? null;
  }

  #setStatus(status: ConversationStatus): void {
    this.status = status;
    if (status !== 'queued') this.queue = null;
    if ((status === 'queued' || status === 'human') && !this.#room) {
      const lastSeq = this.#stored.reduce((max, m) => Math.max(max, m.seq ?? 0), 0);
      this.#room = new RoomConnection(`/api/conversations/${this.id}/ws`, lastSeq, (frame) => void this.#onFrame(frame));
    }
  }

  async #onFrame(frame: RoomFrame): Promise<void> {
    switch (frame.type) {
      case 'message': {
        const m = frame.message;
        await store.putMessages([{ id: m.id, conversationId: this.id, seq: m.seq, author: m.author, text: m.text, state: 'sent', createdAt: m.createdAt }]);
        if (m.author === 'agent') this.agentTyping = null;
        break;
      }
      case 'status':
        // An AI reply cut off by a person joining was never stored: drop it from view.
        if (frame.status === 'human') this.#streaming = null;
        await store.setStatus(this.id, frame.status);
        this.#setStatus(frame.status);
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

  /** Writes the message to the outbox first: it is sent now if possible, later if not, once. */
  async send(text: string, locale: string): Promise<void> {
    if (!(await store.conversation(this.id))) {
      await store.putConversations([{ id: this.id, status: this.status, title: text.slice(0, 80), lastMessage: text, updatedAt: Date.now() }]);
    }
    await outbox.enqueue({ id: uuidv7(), conversationId: this.id, text, locale });
    this.busy = navigator.onLine;
    try {
      await flushOutbox();
    } finally {
      this.busy = false;
    }
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    try {
      for await (const chunk of readUiStream(body)) {
        const current = this.#streaming;
        switch (chunk.type) {
          case 'start': {
            const meta = chunk.messageMetadata as { author?: Author } | undefined;
            this.#streaming = { id: String(chunk.messageId ?? uuidv7()), author: meta?.author ?? 'ai', text: '', state: 'streaming' };
            break;
          }
          case 'text-start':
            if (current && current.text.length > 0) current.text += '\n\n';
            break;
          case 'text-delta':
            if (current) current.text += String(chunk.delta ?? '');
            break;
          case 'abort':
            this.#streaming = null;
            break;
          case 'data-handoff': {
            const data = chunk.data as { status?: ConversationStatus } | undefined;
            if (data?.status) this.#setStatus(data.status);
            break;
          }
        }
      }
    } catch {
      // A stream cut by a lost connection: the server kept going and stored the reply,
      // which the next sync brings, with the same id, so no text is duplicated.
    }
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
    for (const fn of this.#cleanup) fn();
  }
}

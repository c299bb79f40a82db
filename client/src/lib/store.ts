import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Author, ConversationStatus } from './api';

export interface StoredConversation {
  id: string;
  status: ConversationStatus;
  title: string | null;
  lastMessage: string | null;
  updatedAt: number;
}

export interface StoredMessage {
  id: string;
  conversationId: string;
  /** The server's sequence number; null while the message waits in the outbox. */
  seq: number | null;
  author: Author;
  text: string;
  state: 'sent' | 'pending' | 'failed';
  createdAt: number;
}

export interface OutboxItem {
  /** The message's own id (UUIDv7, made here): the server stores it once however often it is sent. */
  id: string;
  conversationId: string;
  text: string;
  locale: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
}

interface BatonSchema extends DBSchema {
  conversations: { key: string; value: StoredConversation; indexes: { updatedAt: number } };
  messages: { key: string; value: StoredMessage; indexes: { conversationId: string } };
  outbox: { key: string; value: OutboxItem; indexes: { createdAt: number } };
}

/**
 * The customer's conversations on this device (IndexedDB through `idb`, a 1 KB wrapper:
 * the first load must stay small). Screens render from here first; every write tells
 * the listeners, so views update without polling.
 */
export class LocalStore {
  readonly #db: Promise<IDBPDatabase<BatonSchema>>;
  readonly #listeners = new Set<() => void>();

  constructor(name = 'baton') {
    this.#db = openDB<BatonSchema>(name, 1, {
      upgrade(db) {
        db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
        db.createObjectStore('messages', { keyPath: 'id' }).createIndex('conversationId', 'conversationId');
        db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      },
    });
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }

  async conversation(id: string): Promise<StoredConversation | undefined> {
    return (await this.#db).get('conversations', id);
  }

  /** Newest first. */
  async conversations(): Promise<StoredConversation[]> {
    return (await (await this.#db).getAllFromIndex('conversations', 'updatedAt')).reverse();
  }

  async putConversations(rows: StoredConversation[]): Promise<void> {
    const tx = (await this.#db).transaction('conversations', 'readwrite');
    await Promise.all([...rows.map((r) => tx.store.put(r)), tx.done]);
    this.#changed();
  }

  async setStatus(id: string, status: ConversationStatus): Promise<void> {
    const db = await this.#db;
    const row = await db.get('conversations', id);
    if (row && row.status !== status) {
      await db.put('conversations', { ...row, status });
      this.#changed();
    }
  }

  async messages(conversationId: string): Promise<StoredMessage[]> {
    return inDisplayOrder(await (await this.#db).getAllFromIndex('messages', 'conversationId', conversationId));
  }

  async putMessages(rows: StoredMessage[]): Promise<void> {
    const tx = (await this.#db).transaction('messages', 'readwrite');
    await Promise.all([...rows.map((r) => tx.store.put(r)), tx.done]);
    this.#changed();
  }

  /** A message written here goes into the outbox and on screen (pending), in one transaction. */
  async addToOutbox(item: OutboxItem): Promise<void> {
    const tx = (await this.#db).transaction(['outbox', 'messages'], 'readwrite');
    await Promise.all([
      tx.objectStore('outbox').put(item),
      tx.objectStore('messages').put({ id: item.id, conversationId: item.conversationId, seq: null, author: 'customer', text: item.text, state: 'pending', createdAt: item.createdAt }),
      tx.done,
    ]);
    this.#changed();
  }

  /** The oldest waiting message. */
  async firstInOutbox(): Promise<OutboxItem | undefined> {
    const cursor = await (await this.#db).transaction('outbox').store.index('createdAt').openCursor();
    return cursor?.value;
  }

  async outboxCount(): Promise<number> {
    return (await this.#db).count('outbox');
  }

  async retryLater(id: string, attempts: number, nextAttemptAt: number): Promise<void> {
    const db = await this.#db;
    const item = await db.get('outbox', id);
    if (item) await db.put('outbox', { ...item, attempts, nextAttemptAt });
  }

  /** Takes a message out of the outbox: sent, or refused by the server for good. */
  async settle(id: string, state: 'sent' | 'failed'): Promise<void> {
    const tx = (await this.#db).transaction(['outbox', 'messages'], 'readwrite');
    const messages = tx.objectStore('messages');
    const message = await messages.get(id);
    // A copy that already came back numbered from the server is left as it is.
    if (message && message.state === 'pending') await messages.put({ ...message, state });
    await tx.objectStore('outbox').delete(id);
    await tx.done;
    this.#changed();
  }

  async clear(): Promise<void> {
    const db = await this.#db;
    await Promise.all([db.clear('conversations'), db.clear('messages'), db.clear('outbox')]);
    this.#changed();
  }
}

/** Runs `query` now and after every change to the store, handing each result to `apply`. */
export function live<T>(store: LocalStore, query: () => Promise<T>, apply: (value: T) => void): () => void {
  let active = true;
  const run = () => void query().then((value) => active && apply(value));
  const stop = store.onChange(run);
  run();
  return () => {
    active = false;
    stop();
  };
}

/** Messages in display order: numbered ones by number, waiting ones after them by time. */
export function inDisplayOrder(messages: StoredMessage[]): StoredMessage[] {
  return [...messages].sort((a, b) => {
    if (a.seq !== null && b.seq !== null) return a.seq - b.seq;
    if (a.seq !== null) return -1;
    if (b.seq !== null) return 1;
    return a.createdAt - b.createdAt;
  });
}

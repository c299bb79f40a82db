import type { LocalStore, OutboxItem } from './store';

export type SendResult = 'sent' | 'retry' | 'rejected';

const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Messages written offline or while the server fails wait here, in IndexedDB, and are
 * sent in the order they were written: a failure stops the queue (so nothing overtakes
 * it) and is retried with exponential backoff. Exactly once comes from the server, which
 * stores each message id once.
 */
export class Outbox {
  #flushing: Promise<void> | undefined;

  constructor(
    private readonly store: LocalStore,
    private readonly send: (item: OutboxItem) => Promise<SendResult>,
    private readonly now: () => number = Date.now,
  ) {}

  async enqueue(item: Pick<OutboxItem, 'id' | 'conversationId' | 'text' | 'locale'>): Promise<void> {
    await this.store.addToOutbox({ ...item, createdAt: this.now(), attempts: 0, nextAttemptAt: 0 });
  }

  count(): Promise<number> {
    return this.store.outboxCount();
  }

  /** Milliseconds until the first waiting message may be tried again (0: now; null: empty). */
  async nextDelay(): Promise<number | null> {
    const first = await this.store.firstInOutbox();
    return first ? Math.max(0, first.nextAttemptAt - this.now()) : null;
  }

  /** Sends what is due, in order; concurrent calls share one run. */
  flush(): Promise<void> {
    this.#flushing ??= this.#run().finally(() => (this.#flushing = undefined));
    return this.#flushing;
  }

  async #run(): Promise<void> {
    for (;;) {
      const item = await this.store.firstInOutbox();
      if (!item || item.nextAttemptAt > this.now()) return;
      const result = await this.send(item).catch((): SendResult => 'retry');
      if (result === 'retry') {
        const attempts = item.attempts + 1;
        await this.store.retryLater(item.id, attempts, this.now() + backoffMs(attempts));
        return;
      }
      await this.store.settle(item.id, result === 'sent' ? 'sent' : 'failed');
    }
  }
}

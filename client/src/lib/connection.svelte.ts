import { createSubscriber } from 'svelte/reactivity';

/** Whether the device is online, as a reactive value (bridged from the window's events). */
class Connection {
  #subscribe = createSubscriber((update) => {
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  });

  get online(): boolean {
    this.#subscribe();
    return navigator.onLine;
  }
}

export const connection = new Connection();

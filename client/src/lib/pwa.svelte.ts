import { registerSW } from 'virtual:pwa-register';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
}

/** Service-worker updates and the browser's install offer, as reactive state. */
class Pwa {
  needRefresh = $state(false);
  canInstall = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | undefined;
  #installEvent: InstallPromptEvent | undefined;

  start(): void {
    if (!('serviceWorker' in navigator)) return;
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.needRefresh = true),
    });
    void navigator.serviceWorker.ready.then(() => keepLoadedLocalesOffline());
    addEventListener('beforeinstallprompt', (event) => {
      event.preventDefault();
      this.#installEvent = event as InstallPromptEvent;
      this.canInstall = true;
    });
  }

  async update(): Promise<void> {
    await this.#update?.(true);
  }

  async install(): Promise<void> {
    await this.#installEvent?.prompt();
    this.canInstall = false;
  }
}

export const pwa = new Pwa();

/** Must match the runtime cache of locale chunks in vite.config.ts. */
const LOCALE_CACHE = 'baton-locales';

/**
 * The locale chunk of the first visit was loaded before the service worker existed; put
 * it into the worker's cache now, so the app also opens offline in that language.
 */
async function keepLoadedLocalesOffline(): Promise<void> {
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => /\/assets\/locale-[^/]+\.js$/.test(new URL(url).pathname));
  if (urls.length === 0 || !('caches' in window)) return;
  const cache = await caches.open(LOCALE_CACHE);
  await Promise.all(urls.map(async (url) => (await cache.match(url)) ?? cache.add(url)));
}

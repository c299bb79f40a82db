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

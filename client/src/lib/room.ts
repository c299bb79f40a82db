import ReconnectingWebSocket from 'partysocket/ws';
import type { ClientFrame, RoomFrame } from '../../../shared/protocol';

/**
 * A live connection to a hand-off room that reconnects by itself and always resumes from
 * the last sequence number it saw, so nothing is lost or shown twice.
 */
export class RoomConnection {
  readonly #socket: ReconnectingWebSocket;
  #lastSeq: number;

  constructor(path: string, lastSeq: number, onFrame: (frame: RoomFrame) => void) {
    this.#lastSeq = lastSeq;
    const url = () => {
      const u = new URL(path, location.href);
      u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
      u.searchParams.set('lastSeq', String(this.#lastSeq));
      return u.toString();
    };
    this.#socket = new ReconnectingWebSocket(url, [], { minReconnectionDelay: 500, maxReconnectionDelay: 10_000 });
    this.#socket.addEventListener('message', (event) => {
      let frame: RoomFrame;
      try {
        frame = JSON.parse(String(event.data)) as RoomFrame;
      } catch {
        return;
      }
      if (frame.type === 'message') this.#lastSeq = Math.max(this.#lastSeq, frame.message.seq);
      onFrame(frame);
    });
  }

  get open(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  send(frame: ClientFrame): boolean {
    if (!this.open) return false;
    this.#socket.send(JSON.stringify(frame));
    return true;
  }

  close(): void {
    this.#socket.close();
  }
}

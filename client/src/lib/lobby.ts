import ReconnectingWebSocket from 'partysocket/ws';
import type { LobbyFrame } from '../../../shared/protocol';

/** The agents' live queue: the lobby pushes it on every change. */
export function connectLobby(onFrame: (frame: LobbyFrame) => void): () => void {
  const url = () => {
    const u = new URL('/api/agent/lobby/ws', location.href);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    return u.toString();
  };
  const socket = new ReconnectingWebSocket(url, [], { minReconnectionDelay: 500, maxReconnectionDelay: 10_000 });
  socket.addEventListener('message', (event) => {
    try {
      onFrame(JSON.parse(String(event.data)) as LobbyFrame);
    } catch {
      // ignore malformed frames
    }
  });
  return () => socket.close();
}

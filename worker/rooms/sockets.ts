/** Sends one frame to every socket but `except`; a socket closing meanwhile misses nothing (it resumes by number). */
export function broadcast(sockets: WebSocket[], frame: unknown, except?: WebSocket): void {
  const data = JSON.stringify(frame);
  for (const ws of sockets) {
    if (ws === except) continue;
    try {
      ws.send(data);
    } catch {
      // closing
    }
  }
}

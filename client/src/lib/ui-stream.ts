/**
 * Reads the AI SDK UI message stream (server-sent events of JSON chunks). A few dozen
 * lines instead of the SDK's client keep the customer's first load small.
 */
export type UiChunk = { type: string } & Record<string, unknown>;

export async function* readUiStream(body: ReadableStream<Uint8Array>): AsyncGenerator<UiChunk> {
  const reader = body.pipeThrough<string>(new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (!data || data === '[DONE]') continue;
      try {
        yield JSON.parse(data) as UiChunk;
      } catch {
        // A malformed event is skipped rather than breaking the whole reply.
      }
    }
  }
}

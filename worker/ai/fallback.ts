import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';

export type FallbackReason = 'error' | 'timeout' | 'empty';

export interface FallbackOptions {
  /** How long the primary model may take to produce its first content. */
  firstTokenTimeoutMs: number;
  onFallback: (reason: FallbackReason, error?: unknown) => void | Promise<void>;
}

const CONTENT = new Set<LanguageModelV4StreamPart['type']>([
  'text-delta', 'tool-call', 'tool-input-start', 'reasoning-delta', 'text-start',
]);

class FirstTokenTimeout extends Error {}

/**
 * Wraps a remote model so that a turn falls back to another model (the offline one) when
 * the remote one errors or gives no first token in time. Once content has started
 * flowing the remote stream is kept, so the customer never sees two answers mixed.
 */
export function withFallback(primary: LanguageModelV4, fallback: LanguageModelV4, options: FallbackOptions): LanguageModelV4 {
  const timeout = <T>(promise: PromiseLike<T>, ms: number, abort: AbortController) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        abort.abort();
        reject(new FirstTokenTimeout());
      }, ms);
      Promise.resolve(promise).then(
        (v) => (clearTimeout(timer), resolve(v)),
        (e) => (clearTimeout(timer), reject(e)),
      );
    });
  const reasonOf = (e: unknown): FallbackReason => (e instanceof FirstTokenTimeout ? 'timeout' : 'error');

  return {
    specificationVersion: 'v4',
    provider: primary.provider,
    modelId: primary.modelId,
    supportedUrls: primary.supportedUrls,

    async doGenerate(call: LanguageModelV4CallOptions) {
      const abort = linkedAbort(call.abortSignal);
      try {
        return await timeout(primary.doGenerate({ ...call, abortSignal: abort.signal }), options.firstTokenTimeoutMs, abort);
      } catch (e) {
        if (call.abortSignal?.aborted) throw e;
        await options.onFallback(reasonOf(e), e);
        return fallback.doGenerate(call);
      }
    },

    async doStream(call: LanguageModelV4CallOptions) {
      const abort = linkedAbort(call.abortSignal);
      const deadline = Date.now() + options.firstTokenTimeoutMs;
      const buffered: LanguageModelV4StreamPart[] = [];
      let reader: ReadableStreamDefaultReader<LanguageModelV4StreamPart> | undefined;
      try {
        const result = await timeout(primary.doStream({ ...call, abortSignal: abort.signal }), options.firstTokenTimeoutMs, abort);
        reader = result.stream.getReader();
        for (;;) {
          const { done, value } = await timeout(reader.read(), Math.max(1, deadline - Date.now()), abort);
          if (done) throw new EmptyResponse();
          if (value.type === 'error') throw value.error;
          buffered.push(value);
          if (CONTENT.has(value.type)) break;
        }
        const rest = reader;
        return {
          ...result,
          stream: new ReadableStream<LanguageModelV4StreamPart>({
            start(controller) {
              for (const part of buffered) controller.enqueue(part);
            },
            async pull(controller) {
              const { done, value } = await rest.read();
              if (done) controller.close();
              else controller.enqueue(value);
            },
            cancel(reason) {
              return rest.cancel(reason);
            },
          }),
        };
      } catch (e) {
        if (call.abortSignal?.aborted) throw e;
        void reader?.cancel().catch(() => {});
        await options.onFallback(e instanceof EmptyResponse ? 'empty' : reasonOf(e), e);
        return fallback.doStream(call);
      }
    },
  };
}

class EmptyResponse extends Error {}

function linkedAbort(signal: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (signal) signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller;
}

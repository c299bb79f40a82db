import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createWorkersAI } from 'workers-ai-provider';
import type { Bindings, Config } from '../config';
import { withFallback, type FallbackReason } from './fallback';
import { OfflineModel } from './offline-model';

export interface SelectedModel {
  model: LanguageModelV4;
  /** What produced the answer, recorded on the message. */
  name: string;
  remote: boolean;
}

export interface ModelHooks {
  onFallback: (reason: FallbackReason, error?: unknown) => void | Promise<void>;
  /** Tests replace the remote model with the AI SDK's test models. */
  remoteOverride?: LanguageModelV4;
  offlineWordDelayMs?: number;
  firstTokenTimeoutMs?: number;
}

/** Hooks for tests: a stand-in for the remote model, no typing delay, a shorter timeout. */
export const modelHooks: Partial<ModelHooks> = {};

/** The configured remote model (or the tests' stand-in), if there is one. */
export function configuredRemoteModel(config: Config, env: Bindings): LanguageModelV4 | undefined {
  return modelHooks.remoteOverride ?? remoteModel(config, env);
}

/**
 * Picks the model from configuration: OpenAI, an OpenAI-compatible server, Workers AI,
 * or the built-in offline model. A remote model always falls back to the offline one.
 */
export function selectModel(config: Config, env: Bindings, hooks: ModelHooks): SelectedModel {
  const offline = new OfflineModel(hooks.offlineWordDelayMs);
  const remote = hooks.remoteOverride ?? remoteModel(config, env);
  if (!remote) return { model: offline, name: 'offline', remote: false };
  return {
    model: withFallback(remote, offline, {
      firstTokenTimeoutMs: hooks.firstTokenTimeoutMs ?? config.MODEL_FIRST_TOKEN_TIMEOUT_MS,
      onFallback: hooks.onFallback,
    }),
    name: `${remote.provider}:${remote.modelId}`,
    remote: true,
  };
}

function remoteModel(config: Config, env: Bindings): LanguageModelV4 | undefined {
  if (config.OPENAI_BASE_URL) {
    // Compatible servers (vLLM, llama.cpp) speak the chat-completions API.
    return createOpenAI({ apiKey: config.OPENAI_API_KEY ?? 'none', baseURL: config.OPENAI_BASE_URL }).chat(config.OPENAI_MODEL);
  }
  if (config.OPENAI_API_KEY) return createOpenAI({ apiKey: config.OPENAI_API_KEY })(config.OPENAI_MODEL);
  if (env.AI) return createWorkersAI({ binding: env.AI })(config.WORKERS_AI_MODEL as Parameters<ReturnType<typeof createWorkersAI>>[0]);
  return undefined;
}

import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../shared/limits';
import type { AgentLobby } from './rooms/agent-lobby';
import type { HandoffRoom } from './rooms/handoff-room';

/** Bindings and vars as Cloudflare hands them to the Worker. */
export interface Bindings {
  DB: D1Database;
  HANDOFF_ROOM: DurableObjectNamespace<HandoffRoom>;
  LOBBY: DurableObjectNamespace<AgentLobby>;
  AI?: Ai;
  ASSETS?: Fetcher;
  DEMO_MODE?: string;
  SESSION_SECRET?: string;
  OPERATOR_TOKEN_SECRET?: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL?: string;
  WORKERS_AI_MODEL?: string;
  REFUND_AUTO_LIMITS?: string;
  MESSAGE_MAX_CHARS?: string;
  MODEL_FIRST_TOKEN_TIMEOUT_MS?: string;
  CRISIS_HOTLINES?: string;
}

const jsonString = <T extends z.ZodType>(schema: T) =>
  z.string().transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return z.NEVER;
    }
  }).pipe(schema);

const hotline = z.object({ name: z.string().min(1), phone: z.string().min(3), url: z.url().optional() });

const configSchema = z.object({
  DEMO_MODE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  SESSION_SECRET: z.string().min(16).optional(),
  OPERATOR_TOKEN_SECRET: z.string().min(16).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4.1-mini'),
  WORKERS_AI_MODEL: z.string().min(1).default('@cf/meta/llama-3.3-70b-instruct-fp8-fast'),
  REFUND_AUTO_LIMITS: jsonString(z.record(z.string().length(3), z.number().nonnegative())).default({}),
  MESSAGE_MAX_CHARS: z.coerce.number().int().positive().default(MAX_MESSAGE_CHARS),
  MODEL_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  CRISIS_HOTLINES: jsonString(z.record(z.string().length(2), z.array(hotline))).default({}),
});

export type Config = z.infer<typeof configSchema>;

const cache = new WeakMap<object, Config>();

/** Parses the operator's configuration once per env object; a bad value names the variable. */
export function readConfig(env: Bindings): Config {
  const cached = cache.get(env);
  if (cached) return cached;
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue?.path.join('.')} ${issue?.message}`);
  }
  cache.set(env, parsed.data);
  return parsed.data;
}

/** A failed API call with the server's code, message and the field it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...rest,
    headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; field?: string } };
    return new ApiError(response.status, body.error?.code ?? 'error', body.error?.message ?? response.statusText, body.error?.field);
  } catch {
    return new ApiError(response.status, 'error', response.statusText);
  }
}

export type { Author, ConversationStatus } from '../../../shared/protocol';
import type { Author, ConversationStatus } from '../../../shared/protocol';

export interface ApiMessage {
  id: string;
  seq: number;
  author: Author;
  text: string;
  createdAt: number;
}

export interface ConversationSummary {
  id: string;
  status: ConversationStatus;
  title: string | null;
  updatedAt: number;
  lastMessage: string | null;
  lastSeq: number;
}

export interface ConversationDetail {
  id: string;
  status: ConversationStatus;
  handoff: { category: string; reason: string } | null;
  messages: ApiMessage[];
}

export type SessionInfo =
  | { kind: 'customer'; id: string; name?: string; email?: string; locale: string; demo: boolean }
  | { kind: 'agent'; id: string; name?: string; role: 'agent' | 'supervisor'; demo: boolean; translation?: boolean }
  | { kind: 'visitor' | 'none'; demo: boolean };

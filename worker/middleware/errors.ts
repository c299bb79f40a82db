import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

/** An error the client can act on: a status, a stable code and a readable message. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const unauthorized = () => new ApiError(401, 'unauthorized', 'Sign in first');
export const forbidden = () => new ApiError(403, 'forbidden', 'Not allowed for this account');

export function errorBody(code: string, message: string, field?: string) {
  return { error: { code, message, ...(field ? { field } : {}) } };
}

/** Turns a failed zod parse into a 400/422 that names the first bad field. */
export function validationError(error: z.ZodError, status: 400 | 422 = 422): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'body';
  return new ApiError(status, 'invalid_input', `${field}: ${issue?.message ?? 'invalid'}`, field);
}

export function handleError(err: Error, c: Context) {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.field), err.status);
  if (err instanceof z.ZodError) {
    const e = validationError(err);
    return c.json(errorBody(e.code, e.message, e.field), e.status);
  }
  if (err instanceof HTTPException) return c.json(errorBody('http_error', err.message), err.status);
  console.error('unhandled', err);
  return c.json(errorBody('internal', 'Something went wrong on our side'), 500);
}

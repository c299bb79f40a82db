import { validator } from 'hono/validator';
import type { z } from 'zod';
import { ApiError, validationError } from './errors';

/** Validates a JSON body with zod; bad JSON is a 400, a bad field a 422 naming it. */
export const jsonBody = <T extends z.ZodType>(schema: T) =>
  validator('json', async (value, c) => {
    if (value === undefined || value === null) throw new ApiError(400, 'invalid_json', 'body: expected a JSON object', 'body');
    const parsed = await schema.safeParseAsync(value);
    if (!parsed.success) throw validationError(parsed.error);
    return parsed.data as z.infer<T>;
  });

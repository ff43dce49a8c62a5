import { z } from 'zod';

/** The problem+json body every error has. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** Response entries for the usual failures, to spread into a route's `responses`. */
export const problems = {
  badRequest: { 400: { description: 'validation_failed', schema: problemSchema } },
  unauthorized: { 401: { description: 'unauthorized', schema: problemSchema } },
  forbidden: { 403: { description: 'forbidden', schema: problemSchema } },
  notFound: { 404: { description: 'not_found', schema: problemSchema } },
  conflict: { 409: { description: 'conflict', schema: problemSchema } },
  tooLarge: { 413: { description: 'payload_too_large', schema: problemSchema } },
  tooMany: { 429: { description: 'too_many_requests (Retry-After)', schema: problemSchema } },
} as const;

/** 401 and 403, for every authenticated route. */
export const authProblems = { ...problems.unauthorized, ...problems.forbidden };

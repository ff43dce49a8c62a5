import { z } from 'zod';
import { AppError, type FieldError } from '../shared/app-error';

// Validation messages in Polish, for the people who read them.
z.config(z.locales.pl());

/** At most this many entries in an `errors` list: a body of 60,000 unknown fields gets a short answer. */
export const MAX_FIELD_ERRORS = 50;

/**
 * Turns zod issues into the contract's `errors` list; unknown fields get one entry each. Past
 * MAX_FIELD_ERRORS entries the list ends with one that says how many more there were.
 */
export function fieldErrors(error: z.ZodError, root?: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [root, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ field: base ? `${base}.${key}` : key, message: 'Nieznane pole.' });
    } else {
      errors.push({ field: base || root || 'body', message: issue.message });
    }
  }
  if (errors.length <= MAX_FIELD_ERRORS) return errors;
  const more = errors.length - (MAX_FIELD_ERRORS - 1);
  return [...errors.slice(0, MAX_FIELD_ERRORS - 1), { field: root || 'body', message: `…oraz ${more} innych błędów w tym żądaniu.` }];
}

/** Parses `value` with `schema` or throws 400 `validation_failed` listing every field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw AppError.validation(fieldErrors(result.error, root));
  return result.data;
}

const NUL_MESSAGE = 'Pole zawiera niedozwolony znak NUL (\\u0000).';
const MAX_NUL_ERRORS = 20;

/**
 * One error for every string (or object key) in `value` that holds U+0000, at most 20.
 * PostgreSQL cannot store that character in text, so it is refused up front, naming the field,
 * instead of failing in the database as a 500. The walk uses its own stack: a deeply nested
 * JSON body must not overflow the call stack.
 */
export function nulCharacterErrors(value: unknown): FieldError[] {
  interface Step {
    value: unknown;
    key: string | null;
    parent: Step | null;
  }
  // Paths are kept as parent links and spelled out only for a field in error, so that a deep
  // body costs memory in proportion to its size, not to the square of its depth.
  const fieldOf = (step: Step | null, last?: string): string => {
    const keys = last === undefined ? [] : [last];
    for (let s = step; s !== null && s.key !== null; s = s.parent) keys.push(s.key);
    return keys.reverse().join('.') || 'body';
  };
  const errors: FieldError[] = [];
  const pending: Step[] = [{ value, key: null, parent: null }];
  while (pending.length > 0 && errors.length < MAX_NUL_ERRORS) {
    const step = pending.pop()!;
    if (typeof step.value === 'string') {
      if (step.value.includes('\u0000')) errors.push({ field: fieldOf(step), message: NUL_MESSAGE });
    } else if (step.value !== null && typeof step.value === 'object') {
      const entries = Array.isArray(step.value) ? step.value.map((v, i) => [String(i), v] as const) : Object.entries(step.value);
      for (const [key, child] of entries.reverse()) {
        if (key.includes('\u0000')) errors.push({ field: fieldOf(step, key), message: NUL_MESSAGE });
        else pending.push({ value: child, key, parent: step });
      }
    }
  }
  return errors.slice(0, MAX_NUL_ERRORS);
}

/**
 * A query without its empty (or blank) parameters: `?status=&q=` means those filters were not
 * given, so the schema's defaults apply; that is how an HTML form with blank fields sends them.
 */
export function withoutEmptyValues(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => !(typeof v === 'string' && v.trim() === '')));
}

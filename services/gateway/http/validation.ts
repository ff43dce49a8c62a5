import { z } from 'zod';
import { AppError, type FieldError } from '../../shared/app-error';

// Validation messages in Polish, for the people who read them.
z.config(z.locales.pl());

/** Turns zod issues into the contract's `errors` list; unknown fields get one entry each. */
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
  return errors;
}

/** Parses `value` with `schema` or throws 400 `validation_failed` listing every field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw AppError.validation(fieldErrors(result.error, root));
  return result.data;
}

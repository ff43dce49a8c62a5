import { z } from 'zod';
import { fieldErrors, MAX_FIELD_ERRORS, nulCharacterErrors, withoutEmptyValues } from '../../../services/http/validation';

describe('nulCharacterErrors', () => {
  test('when strings or keys hold U+0000, then each is named by its path', () => {
    const errors = nulCharacterErrors({ login: 'a\u0000', list: [{ ok: 'x', bad: '\u0000' }], ['k\u0000']: 1, fine: 'bez' });
    expect(errors.map((e) => e.field).sort()).toEqual(['k\u0000', 'list.0.bad', 'login']);
  });

  test('when the value itself is such a string, then the field is "body"', () => {
    expect(nulCharacterErrors('\u0000')).toEqual([{ field: 'body', message: expect.any(String) }]);
  });

  test('when there are very many, then at most 20 are listed', () => {
    expect(nulCharacterErrors(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });

  test('when the body is nested hundreds of thousands deep, then the walk neither overflows the stack nor takes long', () => {
    const depth = 300_000;
    const deep = JSON.parse(`{"a":${'['.repeat(depth)}"x\\u0000"${']'.repeat(depth)}}`);
    const started = Date.now();
    const errors = nulCharacterErrors(deep);
    expect(errors).toHaveLength(1);
    expect(errors[0].field.startsWith('a.0.0.')).toBe(true);
    // A walk that copied the path at every level would take minutes here (300,000² characters);
    // a linear one well under a second when idle. The bound is loose so a loaded CI cannot trip it.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('withoutEmptyValues', () => {
  test('when query values are empty or blank, then they are dropped and the others kept', () => {
    expect(withoutEmptyValues({ status: '', q: '  ', unit: 'GN', limit: '5', tags: ['a', ''] })).toEqual({ unit: 'GN', limit: '5', tags: ['a', ''] });
  });
});

describe('fieldErrors', () => {
  const strict = z.strictObject({ login: z.string() });

  test('when a body has a few unknown fields, then each is named', () => {
    const result = strict.safeParse({ login: 'jan', a: 1, b: 2 });
    expect(result.success || fieldErrors(result.error)).toEqual([
      { field: 'a', message: 'Nieznane pole.' },
      { field: 'b', message: 'Nieznane pole.' },
    ]);
  });

  test('when a body has 60,000 unknown fields, then the list stays short and says how many more there were', () => {
    const body: Record<string, unknown> = { login: 'jan' };
    for (let i = 0; i < 60_000; i++) body[`k${i}`] = i;
    const result = strict.safeParse(body);
    const errors = result.success ? [] : fieldErrors(result.error);
    expect(errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(errors.at(-1)).toEqual({ field: 'body', message: `…oraz ${60_000 - MAX_FIELD_ERRORS + 1} innych błędów w tym żądaniu.` });
    expect(JSON.stringify(errors).length).toBeLessThan(5_000);
  });
});

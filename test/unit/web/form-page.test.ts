import type { Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../../services/shared/app-error';
import { ANSWERED, postForm } from '../../../services/web/form-page';
import { WebForm, type FieldSpec } from '../../../services/web/web-forms';

const FIELDS: FieldSpec[] = [
  { name: 'title', label: 'Tytuł sprawy', required: 'Wpisz tytuł sprawy.' },
  { name: 'unitSymbol', label: 'Komórka prowadząca' },
  { name: 'responsibleLogin', label: 'Login osoby odpowiedzialnej (referenta)' },
];
const schema = z.object({ title: z.string().min(1), unitSymbol: z.string(), responsibleLogin: z.string().optional() });

/** A response that records what the helper did with it. */
function fakeResponse() {
  const calls: { redirect?: [number, string] } = {};
  const res = { redirect: (status: number, location: string) => (calls.redirect = [status, location]) } as unknown as Response;
  return { res, calls };
}

/** Sends `body` through postForm with `act`; answers what was shown (form and status) or where it went. */
async function send(body: Record<string, string>, act: () => Promise<string | typeof ANSWERED>, errorField?: string | Record<string, string>) {
  const { res, calls } = fakeResponse();
  let shown: { form: WebForm; status: number } | undefined;
  let acted = 0;
  await postForm(res, {
    form: WebForm.from(FIELDS, body),
    parse: (form) => form.parse(schema, { title: form.values.title ?? '', unitSymbol: form.values.unitSymbol ?? '' }),
    act: () => {
      acted += 1;
      return act();
    },
    show: (form, status) => {
      shown = { form, status };
    },
    errorField,
  });
  return { redirect: calls.redirect, shown, acted };
}

describe('postForm (parse → act → 303, or the form again)', () => {
  test('when the form parses and the act succeeds, then the answer is a 303 to where the act leads', async () => {
    const { redirect, shown } = await send({ title: 'Wniosek', unitSymbol: 'GN' }, async () => '/urzad/sprawy/GN.1?zalozono=1');
    expect(redirect).toEqual([303, '/urzad/sprawy/GN.1?zalozono=1']);
    expect(shown).toBeUndefined();
  });

  test('when the form does not parse, then nothing is done and the form is shown again with 400 and the field error', async () => {
    const { acted, shown, redirect } = await send({ title: '  ', unitSymbol: 'GN' }, async () => '/never');
    expect(acted).toBe(0);
    expect(redirect).toBeUndefined();
    expect(shown?.status).toBe(400);
    expect(shown?.form.errors).toEqual({ title: 'Wpisz tytuł sprawy.' });
  });

  test('when the act answered the request itself, then there is neither a redirect nor the form', async () => {
    const { redirect, shown, acted } = await send({ title: 'Wniosek', unitSymbol: 'GN' }, async () => ANSWERED);
    expect(acted).toBe(1);
    expect(redirect).toBeUndefined();
    expect(shown).toBeUndefined();
  });

  test('when the domain refuses, then the form is shown again with the refusal status and its sentence', async () => {
    const { shown } = await send({ title: 'Wniosek', unitSymbol: 'GN' }, async () => {
      throw AppError.conflict('submission_already_registered', 'Na podstawie tego pisma założono już sprawę.');
    });
    expect(shown?.status).toBe(409);
    expect(shown?.form.summary()).toEqual([{ href: '#title', message: 'Na podstawie tego pisma założono już sprawę.' }]);
  });

  test('when the act fails with anything but an AppError (a bug), then it is thrown, not shown', async () => {
    await expect(send({ title: 'Wniosek', unitSymbol: 'GN' }, async () => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});

describe('WebForm.fail (which field a refusal belongs to)', () => {
  const form = () => WebForm.from(FIELDS, { title: 'Wniosek', unitSymbol: 'XX', responsibleLogin: 'nikt.taki' });

  test('when a 404 names the field it is about, then its sentence is shown at that field, whatever its words', () => {
    const f = form();
    f.fail(AppError.notFound('Any sentence at all.', { field: 'responsibleLogin' }));
    expect(f.errors).toEqual({ responsibleLogin: 'Any sentence at all.' });
    expect(f.status).toBe(404);
  });

  test('when a 404 names no field, then its sentence is general, even if it mentions an official', () => {
    const f = form();
    f.fail(AppError.notFound('Nie ma referenta o loginie nikt.taki.'));
    expect(f.errors).toEqual({});
    expect(f.summary()).toEqual([{ href: '#title', message: 'Nie ma referenta o loginie nikt.taki.' }]);
  });

  test('when the page maps the error code to a field, then the sentence is shown there', () => {
    const f = form();
    f.fail(AppError.conflict('unit_exists', 'Komórka XX już istnieje.'), { unit_exists: 'unitSymbol' });
    expect(f.errors).toEqual({ unitSymbol: 'Komórka XX już istnieje.' });
  });

  test('when the refusal lists field errors, then each goes to its field', () => {
    const f = form();
    f.fail(AppError.validation([{ field: 'responsibleLogin', message: 'Osoba odpowiedzialna musi należeć do komórki prowadzącej sprawę.' }]));
    expect(f.errors).toEqual({ responsibleLogin: 'Osoba odpowiedzialna musi należeć do komórki prowadzącej sprawę.' });
  });

  test('when the field an error names is not on the form, then the sentence is general', () => {
    const f = form();
    f.fail(AppError.notFound('Nie ma komórki organizacyjnej XX.', { field: 'somewhereElse' }));
    expect(f.errors).toEqual({});
    expect(f.summary()).toHaveLength(1);
  });
});

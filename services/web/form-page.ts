import type { Response } from 'express';
import type { FieldView, WebForm } from './web-forms';
import { sendPage, type PageFrame } from './web-render';

/** What an act returns when it has answered the request itself (a page shown once, not a redirect). */
export const ANSWERED = Symbol('answered');

/** One form POST, as its page declares it. */
export interface FormPost<I> {
  /** The form as sent. */
  form: WebForm;
  /** The API body built from the form, parsed by the API's schema; null when the form recorded problems. */
  parse: (form: WebForm) => I | null;
  /** Does what the form asks; answers the page to go to (303), or ANSWERED. */
  act: (input: I) => Promise<string | typeof ANSWERED>;
  /** Shows the form again with its problems, answering `status`. */
  show: (form: WebForm, status: number) => void | Promise<void>;
  /** Where a refusal goes when the domain names no field for it: one field, or a field per error code. */
  errorField?: string | Record<string, string>;
}

/**
 * The cycle of every form POST: parse, act, then 303 to where the act leads (Post/Redirect/Get:
 * a reload must not send the form again), or the form again with what was typed and its problems.
 * A refusal of the domain (an AppError) is shown on the form; anything else is a bug and is thrown.
 */
export async function postForm<I>(res: Response, post: FormPost<I>): Promise<void> {
  const { form } = post;
  const input = post.parse(form);
  if (input !== null) {
    let outcome: string | typeof ANSWERED | undefined;
    try {
      outcome = await post.act(input);
    } catch (error) {
      form.fail(error, post.errorField);
    }
    if (outcome === ANSWERED) return;
    if (outcome !== undefined) return res.redirect(303, outcome);
  }
  await post.show(form, form.status);
}

/** A form page's own data: the layout's frame, the form's fields by name, anything else the view shows. */
export type FormPageContext = Omit<PageFrame, 'errorList'> & { fields: Record<string, FieldView> } & Record<string, unknown>;

/** Sends a page with a form: its error summary, and the headers its refusal carries (Retry-After). */
export function sendFormPage(res: Response, view: string, form: WebForm, context: FormPageContext, status = 200): void {
  res.set(form.headers);
  sendPage(res, view, { ...context, errorList: form.summary() }, status);
}

import type { Request, Response } from 'express';
import { ANSWERED } from './form-page';
import { newFormId, type OneShotForms } from './one-shot-forms';
import { sendPage } from './web-render';

/** A way on from the answer to a repeated form: where to look, and the button's words. */
export interface PageLink {
  href: string;
  label: string;
}

/** What the page says when a form is sent again while its first sending is still being handled. */
export interface StillSending {
  detail: string;
  link: PageLink;
}

/** The hidden `formId` of a one-shot form, if the body has one. */
export function formIdOf(req: Request): string | undefined {
  const value: unknown = (req.body as Record<string, unknown> | undefined)?.formId;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The id a one-shot form is shown again with (with its problems, or after the session ended):
 * its own, so the corrected form is still the same form; a fresh one for a page that had none.
 */
export function keptFormId(req: Request): string {
  return formIdOf(req) ?? newFormId();
}

/** The answer to a one-shot form sent again after it was done: what was done, with a way to it; nothing repeated. */
export function alreadySent(res: Response, detail: string, link: PageLink | null): void {
  sendPage(res, 'formularz-wyslany', { title: 'Formularz został już wysłany', detail, link }, 409);
}

/** The answer to a one-shot form sent again while the first sending is still being handled: look before sending again. */
export function stillSending(res: Response, { detail, link }: StillSending): void {
  sendPage(res, 'formularz-wyslany', { title: 'Formularz jest właśnie wysyłany', detail, link }, 409);
}

/**
 * The act of a form that ends in a redirect, done once per form id (a double click, or a browser
 * sending the POST again after a slow answer, must not send a second letter): a repeat of a form
 * already done goes where the first went, so it sees the same "sent" notice; a repeat while the
 * first is still running (after OneShotForms' wait) gets the 409 page `pending`. For postForm's
 * `act`; a failed act gives the id back, so the corrected form can be sent.
 */
export async function redirectOnce(oneShot: OneShotForms, req: Request, res: Response, act: () => Promise<string>, pending: StillSending): Promise<string | typeof ANSWERED> {
  const outcome = await oneShot.run(formIdOf(req), act, (target) => target);
  if (outcome.done) return outcome.value;
  if (outcome.result !== null) return outcome.result;
  stillSending(res, pending);
  return ANSWERED;
}

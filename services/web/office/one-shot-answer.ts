import type { Request, Response } from 'express';
import { sendPage } from '../web-render';

/** The hidden `formId` of a one-shot form, if the body has one. */
export function formIdOf(req: Request): string | undefined {
  const value: unknown = (req.body as Record<string, unknown> | undefined)?.formId;
  return typeof value === 'string' ? value : undefined;
}

/** The answer to a one-shot form sent again: what was done, with a way to it; nothing repeated. */
export function alreadySent(res: Response, number: string | null, detail: string): void {
  sendPage(res, 'urzad/formularz-wyslany', { title: 'Formularz został już wysłany', detail, number, encodedNumber: number ? encodeURIComponent(number) : null }, 409);
}

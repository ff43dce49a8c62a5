import express from 'express';
import type { DomainServices } from '../../domain-services';
import type { OneShotForms } from '../one-shot-forms';
import { accessKeyRoutes } from './access-key.routes';
import { inboxSettingsRoutes } from './inbox-settings.routes';
import { inboxRoutes } from './inbox.routes';
import { letterRoutes } from './letter.routes';
import { lettersRoutes } from './letters.routes';
import { myCasesRoutes } from './my-cases.routes';
import { myCaseRoutes } from './my-case.routes';
import { statusCheckRoutes } from './status-check.routes';

/** The citizens' pages: the contact inbox and its settings, letters to the ESP, their cases and status checks. */
export function citizenPages(services: DomainServices, oneShot: OneShotForms): express.Router {
  // The settings' /skrzynka/ustawienia before the message page's /skrzynka/:id.
  return express
    .Router()
    .use(
      inboxSettingsRoutes(services.accounts),
      inboxRoutes(services.inbox),
      lettersRoutes(services.submissions, oneShot),
      letterRoutes(services.submissionReading, services.receipts),
      accessKeyRoutes(services.citizenCases),
      myCasesRoutes(services.citizenCases),
      statusCheckRoutes(services.statusChecks),
      myCaseRoutes({
        cases: services.citizenCases,
        reminders: services.reminders,
        calls: services.calls,
        documents: services.documents,
        replies: services.replies,
        letters: services.letters,
        oneShot,
        ownReceipt: async (userId, id) => (await services.submissions.listOwn(userId)).items.find((s) => s.id === id)?.receiptNumber ?? null,
      }),
    );
}

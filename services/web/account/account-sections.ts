import type { WebSession } from '../../http/session';

/**
 * A section another part of the service adds to /moje-konto (the staff's two-step login, for
 * one): the partial under templates/pages/partials that draws it, and the data it draws.
 */
export interface AccountSection {
  partial: string;
  context: Record<string, unknown>;
}

/** Gives the section for this person, or null when it is not for them (e.g. staff only). */
export type AccountSectionProvider = (session: WebSession) => Promise<AccountSection | null>;

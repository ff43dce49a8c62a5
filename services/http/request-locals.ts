import type { Principal } from '../auth/token.service';
import type { WebSession } from './session';

// What the HTTP kernel leaves in `res.locals`, typed once for every handler that reads it.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The API caller, after authenticate(). */
      principal?: Principal;
      /** The page's session after SessionCookies.load(): null when there is none. */
      session?: WebSession | null;
    }
  }
}

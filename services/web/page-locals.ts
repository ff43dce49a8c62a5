import type { PageUser } from './web-render';

// What the web router leaves in `res.locals` for the pages, typed once (the session is the HTTP kernel's).
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The person shown in the header, loaded by the web router for logged-in requests. */
      user?: PageUser;
      /** What the letter upload refused, for the form to show at its file field. */
      uploadError?: string;
    }
  }
}

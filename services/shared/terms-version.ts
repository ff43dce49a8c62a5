/**
 * The version of the terms at /regulamin (templates/pages/regulamin.hbs shows it): recorded with
 * each registration, so it is known which text a person accepted. Change it with every change
 * of that text (the terms promise 14 days' notice).
 */
export const TERMS_VERSION = '2026-12-01';

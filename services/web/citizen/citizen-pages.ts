import { requireLogin } from '../../http/session';

/** The citizens' pages are for citizens only (staff get 403, the logged-out the login page). */
export const citizen = requireLogin(['citizen']);

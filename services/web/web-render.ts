import type { Response } from 'express';
import type { Role } from '../../entities/user.entity';
import { renderPage } from '../shared/templates';
import { PAGES } from '../shared/page-paths';

/** A link of the main navigation. */
interface NavLink {
  href: string;
  label: string;
  current: boolean;
}

/** One entry of the error summary at the top of a page: a message and the field it is about. */
export interface SummaryError {
  href: string;
  message: string;
}

/** What the layout needs besides the page's own data. */
export interface PageFrame {
  title: string;
  errorList?: SummaryError[];
  notice?: string | null;
}

/** The person shown in the header, loaded by the web router for logged-in requests. */
export interface PageUser {
  firstName: string;
  lastName: string;
  role: Role;
  unread: number;
}

const NAV: Record<'anonymous' | Role, Array<{ href: string; label: string }>> = {
  anonymous: [
    { href: PAGES.home, label: 'Strona główna' },
    { href: PAGES.login, label: 'Zaloguj się' },
    { href: PAGES.register, label: 'Załóż konto' },
    { href: PAGES.help, label: 'Pomoc' },
  ],
  citizen: [
    { href: PAGES.inbox, label: 'Skrzynka kontaktowa' },
    { href: PAGES.sendLetter, label: 'Wyślij pismo' },
    { href: PAGES.myLetters, label: 'Moje pisma' },
    { href: PAGES.myCases, label: 'Moje sprawy' },
    { href: PAGES.accessKey, label: 'Klucz dostępu' },
    { href: PAGES.statusCheck, label: 'Sprawdź stan sprawy' },
    { href: PAGES.help, label: 'Pomoc' },
  ],
  registrar: [
    { href: PAGES.office, label: 'Pulpit' },
    { href: PAGES.officeLetters, label: 'Pisma z ESP' },
    { href: PAGES.paperCase, label: 'Wniosek papierowy' },
    { href: PAGES.officeCases, label: 'Sprawy' },
  ],
  official: [
    { href: PAGES.office, label: 'Pulpit' },
    { href: PAGES.officeCases, label: 'Sprawy' },
  ],
  admin: [
    { href: PAGES.office, label: 'Pulpit' },
    { href: PAGES.officeCases, label: 'Sprawy' },
    { href: PAGES.staffList, label: 'Pracownicy' },
    { href: PAGES.units, label: 'Komórki' },
    { href: PAGES.auditLog, label: 'Dziennik zdarzeń' },
    { href: PAGES.queueDashboard, label: 'Kolejki zadań' },
  ],
};

function navFor(user: PageUser | null, path: string): NavLink[] {
  return NAV[user ? user.role : 'anonymous'].map((link) => ({
    ...link,
    current: link.href === path || (link.href !== PAGES.home && link.href !== PAGES.office && path.startsWith(`${link.href}/`)),
  }));
}

/**
 * Renders `templates/pages/<view>.hbs` in the shared layout and sends it. Pages are never
 * cached: they show personal data and one-time secrets (access keys).
 */
export function sendPage(res: Response, view: string, frame: PageFrame & Record<string, unknown>, status = 200): void {
  const user = res.locals.user ?? null;
  const session = res.locals.session ?? null;
  const html = renderPage(view, {
    errorList: [],
    notice: null,
    ...frame,
    user,
    loggedIn: session !== null,
    unreadLabel: user && user.role === 'citizen' && user.unread > 0 ? unreadLabel(user.unread) : null,
    // A citizen's pages follow the inbox live (static/live.js); without JavaScript nothing changes.
    liveUpdates: user?.role === 'citizen',
    nav: navFor(user, res.req.path === '/' ? res.req.baseUrl || '/' : res.req.baseUrl + res.req.path),
  });
  res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
}

/** "1 nowa wiadomość", "3 nowe wiadomości", "5 nowych wiadomości": Polish plural forms. */
export function unreadLabel(n: number): string {
  return `${n} ${polishPlural(n, 'nowa wiadomość', 'nowe wiadomości', 'nowych wiadomości')}`;
}

/** Picks the Polish plural form for `n` (one, few: 2–4 except 12–14, many). */
export function polishPlural(n: number, one: string, few: string, many: string): string {
  if (n === 1) return one;
  const lastTwo = n % 100;
  const last = n % 10;
  return last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14) ? few : many;
}

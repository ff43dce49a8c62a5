import type { Response } from 'express';
import type { Role } from '../../entities/user.entity';
import { renderPage } from '../shared/templates';
import type { WebSession } from '../http/session';

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
    { href: '/', label: 'Strona główna' },
    { href: '/logowanie', label: 'Zaloguj się' },
    { href: '/rejestracja', label: 'Załóż konto' },
    { href: '/pomoc', label: 'Pomoc' },
  ],
  citizen: [
    { href: '/skrzynka', label: 'Skrzynka kontaktowa' },
    { href: '/wyslij-pismo', label: 'Wyślij pismo' },
    { href: '/moje-pisma', label: 'Moje pisma' },
    { href: '/moje-sprawy', label: 'Moje sprawy' },
    { href: '/klucz-dostepu', label: 'Klucz dostępu' },
    { href: '/sprawdz-stan-sprawy', label: 'Sprawdź stan sprawy' },
    { href: '/pomoc', label: 'Pomoc' },
  ],
  registrar: [
    { href: '/urzad', label: 'Pulpit' },
    { href: '/urzad/pisma', label: 'Pisma z ESP' },
    { href: '/urzad/sprawy/nowa', label: 'Wniosek papierowy' },
    { href: '/urzad/sprawy', label: 'Sprawy' },
  ],
  official: [
    { href: '/urzad', label: 'Pulpit' },
    { href: '/urzad/sprawy', label: 'Sprawy' },
  ],
  admin: [
    { href: '/urzad', label: 'Pulpit' },
    { href: '/urzad/sprawy', label: 'Sprawy' },
    { href: '/admin/queues', label: 'Kolejki zadań' },
  ],
};

function navFor(user: PageUser | null, path: string): NavLink[] {
  return NAV[user ? user.role : 'anonymous'].map((link) => ({
    ...link,
    current: link.href === path || (link.href !== '/' && link.href !== '/urzad' && path.startsWith(`${link.href}/`)),
  }));
}

/**
 * Renders `templates/pages/<view>.hbs` in the shared layout and sends it. Pages are never
 * cached: they show personal data and one-time secrets (access keys).
 */
export function sendPage(res: Response, view: string, frame: PageFrame & Record<string, unknown>, status = 200): void {
  const user = (res.locals.user as PageUser | undefined) ?? null;
  const session = (res.locals.session as WebSession | null | undefined) ?? null;
  const html = renderPage(view, {
    errorList: [],
    notice: null,
    ...frame,
    user,
    loggedIn: session !== null,
    unreadLabel: user && user.role === 'citizen' && user.unread > 0 ? unreadLabel(user.unread) : null,
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

/**
 * The addresses of the web pages, defined once: the pages route and link by them, and the workers
 * build the links in messages and e-mails from them (with the service's public address in front).
 */
export const PAGES = {
  home: '/',
  register: '/rejestracja',
  activation: '/aktywacja',
  resendActivation: '/aktywacja/nowy-kod',
  login: '/logowanie',
  logout: '/wyloguj',
  help: '/pomoc',
  terms: '/regulamin',
  accessibility: '/deklaracja-dostepnosci',
  inbox: '/skrzynka',
  inboxSettings: '/skrzynka/ustawienia',
  sendLetter: '/wyslij-pismo',
  myLetters: '/moje-pisma',
  myCases: '/moje-sprawy',
  accessKey: '/klucz-dostepu',
  statusCheck: '/sprawdz-stan-sprawy',
  office: '/urzad',
  officeLetters: '/urzad/pisma',
  officeCases: '/urzad/sprawy',
  paperCase: '/urzad/sprawy/nowa',
  queueDashboard: '/admin/queues',
  officeReminders: '/urzad/ponaglenia',
  newStaff: '/urzad/pracownicy/nowy',
  receiptCheck: '/sprawdz-potwierdzenie',
  passwordReset: '/nie-pamietam-hasla',
  passwordResetConfirm: '/nie-pamietam-hasla/nowe-haslo',
  myAccount: '/moje-konto',
  loginCode: '/logowanie/kod',
  twoStepSetup: '/moje-konto/logowanie-dwuetapowe',
  staffList: '/urzad/pracownicy',
  units: '/urzad/komorki',
  auditLog: '/urzad/dziennik',
} as const;

/** One message of the contact inbox. */
export function inboxMessagePath(id: string): string {
  return `${PAGES.inbox}/${id}`;
}

/** The citizen's page of one of their cases (where a ponaglenie is filed). */
export function citizenCasePath(number: string): string {
  return `${PAGES.myCases}/${encodeURIComponent(number)}`;
}

/** The citizen's page of one office letter in their case (reading it records the opening). */
export function citizenLetterPath(number: string, letterId: string): string {
  return `${citizenCasePath(number)}/pisma/${encodeURIComponent(letterId)}`;
}

/** The office's page of one case. */
export function officeCasePath(number: string): string {
  return `${PAGES.officeCases}/${encodeURIComponent(number)}`;
}

/** The citizen's page of one of their letters (a submission or a reply). */
export function myLetterPath(id: string): string {
  return `${PAGES.myLetters}/${encodeURIComponent(id)}`;
}

/** The office's page of one incoming letter (a submission or a reply) with its files. */
export function officeLetterPath(id: string): string {
  return `${PAGES.officeLetters}/${encodeURIComponent(id)}/tresc`;
}

/** The admin's page of one staff account. */
export function staffPath(id: string): string {
  return `${PAGES.staffList}/${id}`;
}

/** The admin's page of one unit. */
export function unitPath(symbol: string): string {
  return `${PAGES.units}/${encodeURIComponent(symbol)}`;
}

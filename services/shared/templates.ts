import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { OFFICE_TIME_ZONE } from './office-time';
import { projectRoot } from './project-root';

/** A rendered message or e-mail: subject, plain text and HTML. */
export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

const dateTimeFormat = new Intl.DateTimeFormat('pl-PL', { timeZone: OFFICE_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat('pl-PL', { timeZone: OFFICE_TIME_ZONE, dateStyle: 'long' });

const hbs = Handlebars.create();
hbs.registerHelper('dateTime', (value: unknown) => (value ? dateTimeFormat.format(new Date(String(value))) : '—'));
hbs.registerHelper('date', (value: unknown) => (value ? dateFormat.format(new Date(String(value))) : '—'));
hbs.registerHelper('orDash', (value: unknown) => (value === null || value === undefined || value === '' ? '—' : value));

const compiled = new Map<string, { template: HandlebarsTemplateDelegate; escape: boolean }>();

function load(file: string): HandlebarsTemplateDelegate {
  let entry = compiled.get(file);
  if (!entry) {
    // Subjects and plain text are not HTML: escaping them would show "&amp;" to the reader.
    // Everything else (message HTML, web pages) is HTML and is escaped.
    const escape = !/\.(subject|text)\.hbs$/.test(file);
    const template = hbs.compile(readFileSync(file, 'utf8'), { strict: true, noEscape: !escape });
    entry = { template, escape };
    compiled.set(file, entry);
  }
  return entry.template;
}

const layouts = new Map<string, boolean>();

/** Whether a folder has its layout, asked of the disk once (templates ship with the build; one stat per message adds up). */
function hasLayout(file: string): boolean {
  let known = layouts.get(file);
  if (known === undefined) {
    known = existsSync(file);
    layouts.set(file, known);
  }
  return known;
}

/**
 * Renders `templates/<folder>/<name>.{subject,text,html}.hbs`; the HTML is wrapped in
 * `templates/<folder>/layout.html.hbs` when that exists.
 */
export function renderTriple(folder: string, name: string, context: object): Rendered {
  const dir = path.join(projectRoot(), 'templates', folder);
  const subject = load(path.join(dir, `${name}.subject.hbs`))(context).trim();
  const text = load(path.join(dir, `${name}.text.hbs`))(context);
  const body = load(path.join(dir, `${name}.html.hbs`))(context);
  const layoutFile = path.join(dir, 'layout.html.hbs');
  const html = hasLayout(layoutFile) ? load(layoutFile)({ subject, body: new hbs.SafeString(body) }) : body;
  return { subject, text, html };
}

/** Renders one page template under `templates/pages` (HTML, escaped). */
export function renderFile(relative: string, context: object): string {
  return load(path.join(projectRoot(), 'templates', relative))(context);
}

hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

let pagePartialsLoaded = false;

/** Registers `templates/pages/partials/<name>.hbs` as partial `<name>`, once. */
function loadPagePartials(): void {
  if (pagePartialsLoaded) return;
  const dir = path.join(projectRoot(), 'templates', 'pages', 'partials');
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    if (file.endsWith('.hbs')) hbs.registerPartial(file.slice(0, -4), readFileSync(path.join(dir, file), 'utf8'));
  }
  pagePartialsLoaded = true;
}

/**
 * Renders the web page `templates/pages/<name>.hbs` (with the partials of `pages/partials`)
 * inside `templates/pages/layout.hbs`; the layout gets `context` plus `body`.
 */
export function renderPage(name: string, context: object): string {
  loadPagePartials();
  const dir = path.join(projectRoot(), 'templates', 'pages');
  const body = load(path.join(dir, `${name}.hbs`))(context);
  return load(path.join(dir, 'layout.hbs'))({ ...context, body: new hbs.SafeString(body) });
}

/** Checks that every named template exists and compiles (at start, not at first use). */
export function assertTemplates(folder: string, names: readonly string[]): void {
  const dir = path.join(projectRoot(), 'templates', folder);
  for (const name of names) {
    for (const part of ['subject', 'text', 'html']) load(path.join(dir, `${name}.${part}.hbs`));
  }
}

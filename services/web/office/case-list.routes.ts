import express from 'express';
import { CASE_STATUSES } from '../../../entities/case.entity';
import { responsibleName } from '../../cases/case-summary';
import { CASE_STATUS_LABELS } from '../../cases/case-status';
import { caseListQuery, type CaseView } from '../../office/case-management.schemas';
import { sessionOf } from '../../http/session';
import { officeCasePath, PAGES } from '../../shared/page-paths';
import { pageCount, pageOf } from '../paging';
import { sendPage } from '../web-render';
import { staff, unitChoices, type Choice, type OfficeDeps } from './office-pages';

/** The office's working views (`?widok=`): the caller's own cases, the overdue ones, those due within 7 days. */
const VIEWS: Array<{ word: string; view: CaseView; label: string }> = [
  { word: 'moje', view: 'mine', label: 'Moje sprawy' },
  { word: 'po-terminie', view: 'overdue', label: 'Po terminie' },
  { word: 'termin-7-dni', view: 'due_soon', label: 'Termin w ciągu 7 dni' },
];

/** The office's list of cases: filtered by status, unit and text or one of its views, a page at a time; counts per unit. */
export function caseListRoutes({ management, units }: OfficeDeps): express.Router {
  return express.Router().get(PAGES.officeCases, staff, async (req, res) => {
    const { page, limit, offset } = pageOf(req.query.strona);
    const viewWord = str(req.query.widok);
    const view = VIEWS.find((v) => v.word === viewWord);
    const raw = { status: str(req.query.stan), unit: str(req.query.komorka), q: str(req.query.szukaj) };
    const parsed = caseListQuery.safeParse({ ...dropEmpty(raw), ...(view ? { view: view.view } : {}), limit, offset });
    const query = parsed.success ? parsed.data : { limit, offset: 0 };
    const { principal } = sessionOf(res);
    const [list, counts] = await Promise.all([management.list(query, principal), management.countsByUnit()]);
    const pages = pageCount(list.total);
    const keep = new URLSearchParams(dropEmpty({ ...raw, widok: view?.word }) as Record<string, string>);
    const pageHref = (n: number) => `${PAGES.officeCases}?${new URLSearchParams({ ...Object.fromEntries(keep), strona: String(n) })}`;
    sendPage(res, 'urzad/sprawy', {
      title: 'Sprawy',
      filters: {
        status: selectOptions([{ value: '', label: 'Wszystkie stany' }, ...CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))], raw.status ?? ''),
        unit: selectOptions(await unitChoices(units, true), raw.unit ?? ''),
        q: raw.q ?? '',
      },
      invalidFilter: !parsed.success,
      views: [{ word: undefined, label: 'Wszystkie' }, ...VIEWS].map((v) => ({
        label: v.label,
        href: v.word ? `${PAGES.officeCases}?widok=${v.word}` : PAGES.officeCases,
        current: v.word === view?.word,
      })),
      view: view?.word ?? null,
      caption: view ? `${view.label}, według terminu` : 'Sprawy, najnowsze na górze',
      counts: counts.items,
      cases: list.items.map((c) => ({ ...c, href: officeCasePath(c.number), responsible: responsibleName(c) })),
      total: list.total,
      page,
      pages,
      previous: page > 1 ? pageHref(page - 1) : null,
      next: page < pages ? pageHref(page + 1) : null,
    });
  });
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function dropEmpty<T extends Record<string, string | undefined>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function selectOptions(options: Choice[], selected: string) {
  return options.map((o) => ({ ...o, selected: o.value === selected }));
}

import express from 'express';
import type { AuditLogService } from '../../audit/audit-log.service';
import { auditQuery } from '../../audit/audit.schemas';
import { fieldErrors } from '../../http/validation';
import { requireLogin } from '../../http/session';
import { PAGES } from '../../shared/page-paths';
import { pageCount, pageOf } from '../paging';
import { sendPage } from '../web-render';

const admin = requireLogin(['admin']);

/** The filters of the page, by their Polish query names and the API's names. */
const FILTERS = [
  { word: 'kto', name: 'actor' },
  { word: 'dzialanie', name: 'action' },
  { word: 'od', name: 'from' },
  { word: 'do', name: 'to' },
] as const;

/** The audit log for admins: who did what and when, filtered by person, action and days, a page at a time. */
export function auditLogPages(auditLog: AuditLogService): express.Router {
  return express.Router().get(PAGES.auditLog, admin, async (req, res) => {
    const { page, limit, offset } = pageOf(req.query.strona);
    const raw = Object.fromEntries(FILTERS.map((f) => [f.word, typeof req.query[f.word] === 'string' ? (req.query[f.word] as string).trim() : ''])) as Record<string, string>;
    const given = Object.fromEntries(FILTERS.filter((f) => raw[f.word] !== '').map((f) => [f.name, raw[f.word]]));
    const parsed = auditQuery.safeParse({ ...given, limit, offset });
    const errors = parsed.success ? [] : fieldErrors(parsed.error);
    const list = await auditLog.list(parsed.success ? parsed.data : { limit, offset: 0 });
    const pages = pageCount(list.total);
    const keep = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
    const pageHref = (n: number) => `${PAGES.auditLog}?${new URLSearchParams({ ...keep, strona: String(n) })}`;
    sendPage(res, 'urzad/dziennik', {
      title: 'Dziennik zdarzeń',
      filters: raw,
      filterErrors: errors.map((e) => e.message),
      entries: list.items.map((e) => ({ ...e, detailsText: Object.keys(e.details).length ? JSON.stringify(e.details) : '' })),
      total: list.total,
      page,
      pages,
      previous: page > 1 ? pageHref(page - 1) : null,
      next: page < pages ? pageHref(page + 1) : null,
    });
  });
}

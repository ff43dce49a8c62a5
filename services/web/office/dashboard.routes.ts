import express from 'express';
import { PAGES } from '../../shared/page-paths';
import { sessionOf } from '../../http/session';
import { sendPage } from '../web-render';
import { staff, type OfficeDeps } from './office-pages';

const ROLE_LABELS: Record<string, string> = { registrar: 'kancelaria', official: 'referent', admin: 'administrator' };

/** The office's dashboard: the staff member's role, and for the filing office the letters waiting. */
export function dashboardRoutes({ officeSubmissions }: OfficeDeps): express.Router {
  return express.Router().get(PAGES.office, staff, async (req, res) => {
    const { principal } = sessionOf(res);
    const received = principal.role === 'registrar' ? (await officeSubmissions.list('received')).items.length : null;
    sendPage(res, 'urzad/pulpit', {
      title: 'Pulpit urzędu',
      roleLabel: ROLE_LABELS[principal.role],
      registrar: principal.role === 'registrar',
      admin: principal.role === 'admin',
      received,
      notice: typeof req.query.pracownik === 'string' ? `Założono konto pracownika ${req.query.pracownik}.` : null,
    });
  });
}

import express from 'express';
import { listOfficeSubmissions } from '../../office/office-submissions.service';
import { PAGES } from '../../shared/page-paths';
import { sessionOf } from '../../http/session';
import { sendPage } from '../web-render';
import { staff, type OfficeDeps } from './office-pages';

const ROLE_LABELS: Record<string, string> = { registrar: 'kancelaria', official: 'referent', admin: 'administrator' };

/** The office's dashboard: the staff member's role, and for the filing office the letters waiting. */
export function dashboardRoutes({ dataSource }: OfficeDeps): express.Router {
  return express.Router().get(PAGES.office, staff, async (_req, res) => {
    const { principal } = sessionOf(res);
    const received = principal.role === 'registrar' ? (await listOfficeSubmissions(dataSource, 'received')).items.length : null;
    sendPage(res, 'urzad/pulpit', {
      title: 'Pulpit urzędu',
      roleLabel: ROLE_LABELS[principal.role],
      registrar: principal.role === 'registrar',
      admin: principal.role === 'admin',
      received,
    });
  });
}

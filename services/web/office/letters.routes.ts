import express from 'express';
import { PAGES } from '../../shared/page-paths';
import { sendPage } from '../web-render';
import { registrar, type OfficeDeps } from './office-pages';

/** The letters from the ESP (Elektroniczna Skrzynka Podawcza): waiting, registered, or all. */
export function lettersRoutes({ officeSubmissions }: OfficeDeps): express.Router {
  return express.Router().get(PAGES.officeLetters, registrar, async (req, res) => {
    const status = req.query.stan === 'registered' ? 'registered' : req.query.stan === 'all' ? undefined : 'received';
    const { items } = await officeSubmissions.list(status);
    sendPage(res, 'urzad/pisma', {
      title: 'Pisma z Elektronicznej Skrzynki Podawczej',
      filter: status ?? 'all',
      submissions: items.map((s) => ({ ...s, received: s.status === 'received', sizes: s.attachments.map((a) => a.filename).join(', ') })),
    });
  });
}

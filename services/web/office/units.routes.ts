import express, { type Response } from 'express';
import { requireLogin } from '../../http/session';
import { unitSymbolParams, updateUnitBody } from '../../office/staff-admin.schemas';
import type { UnitView } from '../../office/unit.repository';
import { AppError } from '../../shared/app-error';
import { PAGES, unitPath } from '../../shared/page-paths';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { sendPage } from '../web-render';
import { actorOfPage, type OfficeDeps } from './office-pages';

const admin = requireLogin(['admin']);

const UNIT_FIELDS: FieldSpec[] = [
  { name: 'name', label: 'Nazwa komórki', required: 'Wpisz nazwę komórki.' },
  { name: 'phone', label: 'Telefon' },
  { name: 'email', label: 'Adres e-mail' },
];

/** The admin's units: the list and a unit's name, phone and e-mail (what citizens see on their cases). */
export function unitPages({ actors, units }: OfficeDeps): express.Router {
  const router = express.Router();

  router.get(PAGES.units, admin, async (req, res) => {
    const { items } = await units.listUnits();
    sendPage(res, 'urzad/komorki', {
      title: 'Komórki organizacyjne',
      notice: typeof req.query.zapisano === 'string' ? `Zapisano dane komórki ${req.query.zapisano}.` : null,
      units: items.map((u) => ({ ...u, href: unitPath(u.symbol) })),
    });
  });

  const unitOf = async (symbol: unknown): Promise<UnitView> => {
    const parsed = unitSymbolParams.safeParse({ symbol });
    const unit = parsed.success ? (await units.listUnits()).items.find((u) => u.symbol === parsed.data.symbol) : undefined;
    if (!unit) throw AppError.notFound('Nie ma takiej komórki.');
    return unit;
  };
  const show = (res: Response, unit: UnitView, form: WebForm, status = 200) =>
    sendFormPage(
      res,
      'urzad/komorka',
      form,
      {
        title: `Komórka ${unit.symbol}`,
        unit: { ...unit, href: unitPath(unit.symbol) },
        fields: {
          name: form.field('name', { autocomplete: 'off' }),
          phone: form.field('phone', { type: 'tel', autocomplete: 'off', hint: 'Nieobowiązkowy. Mieszkańcy widzą go przy swoich sprawach.' }),
          email: form.field('email', { type: 'email', autocomplete: 'off', hint: 'Nieobowiązkowy. Mieszkańcy widzą go przy swoich sprawach.' }),
        },
      },
      status,
    );

  router.get(`${PAGES.units}/:symbol`, admin, async (req, res) => {
    const unit = await unitOf(req.params.symbol);
    await show(res, unit, new WebForm(UNIT_FIELDS, { name: unit.name, phone: unit.phone ?? '', email: unit.email ?? '' }));
  });

  router.post(`${PAGES.units}/:symbol`, admin, async (req, res) => {
    const unit = await unitOf(req.params.symbol);
    await postForm(res, {
      form: WebForm.from(UNIT_FIELDS, req.body),
      parse: (form) => {
        const v = form.values;
        return form.parse(updateUnitBody, { name: v.name ?? '', phone: v.phone?.trim() ? v.phone : null, email: v.email?.trim() ? v.email.trim() : null });
      },
      act: async (input) => {
        await units.updateUnit(await actorOfPage(actors, req, res), unit.symbol, input);
        return `${PAGES.units}?zapisano=${encodeURIComponent(unit.symbol)}`;
      },
      show: (form, status) => show(res, unit, form, status),
    });
  });

  return router;
}

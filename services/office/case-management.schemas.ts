import { z } from 'zod';
import { CASE_STATUSES } from '../../entities/case.entity';
import { UNIT_SYMBOL_PATTERN } from '../cases/case-number';
import { caseSummarySchema } from '../cases/case-summary';

/** The office's working views of the case list (each sorted by dueAt). */
export const CASE_VIEWS = ['mine', 'overdue', 'due_soon'] as const;
export type CaseView = (typeof CASE_VIEWS)[number];

/** How far ahead "due soon" looks. */
export const DUE_SOON_DAYS = 7;

export const caseListQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  unit: z.string().trim().toUpperCase().regex(UNIT_SYMBOL_PATTERN, 'Niepoprawny symbol komórki.').optional(),
  q: z.string().trim().min(1).max(200).optional(),
  view: z
    .enum(CASE_VIEWS)
    .optional()
    .meta({ description: "mine: the caller's own cases; overdue: past their deadline; due_soon: due within 7 days. Each sorted by dueAt, soonest first" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const caseList = z
  .object({ items: z.array(caseSummarySchema), total: z.number().int() })
  .meta({ id: 'CaseList' });

export const caseHistoryEntry = z.object({
  status: z.enum(CASE_STATUSES),
  note: z.string().nullable(),
  changedAt: z.iso.datetime(),
  changedBy: z.string().nullable().meta({ description: 'Login of the staff member, or null' }),
});

export const caseDetail = caseSummarySchema
  .extend({ history: z.array(caseHistoryEntry).meta({ description: 'Oldest first' }) })
  .meta({ id: 'CaseDetail' });

export const changeCaseBody = z
  .strictObject({
    status: z.enum(CASE_STATUSES).optional(),
    responsibleLogin: z.string().trim().toLowerCase().min(1).max(64).nullable().optional()
      .meta({ description: 'An active official of the case unit; null leaves the case without one' }),
    note: z.string().trim().min(1).max(2000).optional(),
    dueAt: z.iso.datetime({ offset: true, message: 'Podaj datę i godzinę w formacie ISO 8601.' }).optional()
      .meta({ description: 'A new deadline (KPA art. 36); needs `reason`' }),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Podaj co najmniej jedną zmianę.', path: ['body'] })
  .refine((b) => b.dueAt === undefined || b.reason !== undefined, { message: 'Nowy termin wymaga uzasadnienia (reason).', path: ['reason'] })
  .refine((b) => b.reason === undefined || b.dueAt !== undefined, { message: 'Uzasadnienie podaje się tylko z nowym terminem (dueAt).', path: ['reason'] })
  .meta({ id: 'ChangeCaseRequest' });

export type CaseListQuery = z.output<typeof caseListQuery>;

export const unitCaseCounts = z
  .object({
    items: z.array(z.object({ unitSymbol: z.string(), unitName: z.string(), open: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() })),
  })
  .meta({ id: 'UnitCaseCounts' });
export type UnitCaseCounts = z.output<typeof unitCaseCounts>;
export type CaseDetail = z.output<typeof caseDetail>;
export type ChangeCaseInput = z.output<typeof changeCaseBody>;

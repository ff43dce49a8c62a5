import { z } from 'zod';
import { DEFAULT_DEADLINE_TERM, type DeadlineTerm } from '../cases/kpa-deadline';
import { JRWA_PATTERN, UNIT_SYMBOL_PATTERN } from '../cases/case-number';
import { personName } from '../accounts/account.schemas';
import { caseSummarySchema } from '../cases/case-summary';
import { SUBMISSION_STATUSES } from '../../entities/submission.entity';

const unitSymbol = z
  .string()
  .trim()
  .toUpperCase()
  .regex(UNIT_SYMBOL_PATTERN, 'Symbol komórki: 1–5 wielkich liter, opcjonalnie myślnik i 1–5 liter lub cyfr (np. GN, OR-KA).');
const jrwaSymbol = z.string().trim().regex(JRWA_PATTERN, 'Symbol klasyfikacyjny JRWA: od 1 do 4 cyfr.');
const staffLogin = z.string().trim().toLowerCase().min(1).max(64);

export const createUnitBody = z
  .strictObject({
    symbol: unitSymbol,
    name: z.string().trim().min(1).max(200),
    phone: z.string().trim().min(3).max(40).optional(),
    email: z.email('Podaj poprawny adres e-mail.').optional(),
  })
  .meta({ id: 'CreateUnitRequest' });

export const unitSchema = z
  .object({ id: z.uuid(), symbol: z.string(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable() })
  .meta({ id: 'Unit' });

export const createStaffBody = z
  .strictObject({
    login: z.string(),
    password: z.string().min(1).max(1000),
    firstName: personName,
    lastName: personName,
    role: z.enum(['registrar', 'official', 'admin']),
    unitSymbol: unitSymbol.optional(),
    email: z
      .email({ error: 'Podaj poprawny adres e-mail, np. ewa.nowak@urzad.example.' })
      .max(254)
      .optional()
      .meta({ description: 'Where deadline reminders (and password resets) go' }),
  })
  .refine((b) => b.role !== 'official' || b.unitSymbol !== undefined, { message: 'Referent musi mieć komórkę (unitSymbol).', path: ['unitSymbol'] })
  .meta({ id: 'CreateStaffRequest' });

export const openCaseBody = z
  .strictObject({
    unitSymbol,
    jrwaSymbol,
    title: z.string().trim().min(1).max(500),
    submissionId: z.uuid().optional(),
    applicant: z.strictObject({ firstName: personName, lastName: personName }).optional(),
    responsibleLogin: staffLogin.optional(),
    deadlineDays: z
      .union([z.literal(7), z.literal(14), z.literal(30), z.literal(60)], { error: 'Termin w dniach to 7, 14, 30 albo 60 dni.' })
      .optional()
      .meta({ description: 'KPA art. 35: the term in days, counted from the day after the start' }),
    deadlineMonths: z
      .union([z.literal(1), z.literal(2)], { error: 'Termin w miesiącach to 1 albo 2 miesiące.' })
      .optional()
      .meta({ description: 'KPA art. 35 §3: the term in months (default 1; 2 for a particularly complicated case)' }),
    issueAccessKey: z.boolean().optional().default(false),
  })
  .refine((b) => (b.submissionId === undefined) !== (b.applicant === undefined), {
    message: 'Podaj albo submissionId (pismo z ESP), albo applicant (wniosek papierowy).',
    path: ['submissionId'],
  })
  .refine((b) => b.deadlineDays === undefined || b.deadlineMonths === undefined, {
    message: 'Podaj termin w dniach albo w miesiącach, nie oba naraz.',
    path: ['deadlineMonths'],
  })
  .transform(({ deadlineDays, deadlineMonths, ...rest }) => ({
    ...rest,
    deadline: (deadlineDays !== undefined ? { days: deadlineDays } : { months: deadlineMonths ?? DEFAULT_DEADLINE_TERM.months }) as DeadlineTerm,
  }))
  .meta({ id: 'OpenCaseRequest' });

export const openedCase = z
  .object({
    id: z.uuid(),
    number: z.string(),
    status: z.literal('registered'),
    startedAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
    accessKey: z.string().optional().meta({ description: 'Only for a paper application with issueAccessKey: shown once' }),
  })
  .meta({ id: 'OpenedCase' });

export const caseNumberParams = z.strictObject({ number: z.string().trim().toUpperCase().min(1).max(64) });

export const officeSubmissionsQuery = z.strictObject({ status: z.enum(SUBMISSION_STATUSES).optional() });

export const officeSubmission = z.object({
  id: z.uuid(),
  title: z.string(),
  receiptNumber: z.string(),
  submittedAt: z.iso.datetime(),
  status: z.enum(SUBMISSION_STATUSES),
  requestAccessKey: z.boolean(),
  sender: z.object({ firstName: z.string(), lastName: z.string() }),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() })),
  caseNumber: z.string().nullable(),
});

export { caseSummarySchema };
export type OpenCaseInput = z.output<typeof openCaseBody>;
export type CreateUnitInput = z.output<typeof createUnitBody>;
export type CreateStaffInput = z.output<typeof createStaffBody>;

import { z } from 'zod';
import { ACCOUNT_STATUSES, STAFF_ROLES } from '../../entities/user.entity';
import { createUnitBody } from './office.schemas';

const unitSymbol = createUnitBody.shape.symbol;

export const staffIdParams = z.strictObject({ id: z.uuid('Nie ma takiego konta.') });

export const staffView = z
  .object({
    id: z.uuid(),
    login: z.string(),
    role: z.enum(STAFF_ROLES),
    firstName: z.string(),
    lastName: z.string(),
    unitSymbol: z.string().nullable(),
    email: z.string().nullable(),
    status: z.enum(ACCOUNT_STATUSES),
    mfa: z.boolean().meta({ description: 'Two-step login switched on' }),
  })
  .meta({ id: 'StaffAccount' });

export const staffList = z.object({ items: z.array(staffView) }).meta({ id: 'StaffList' });

export const updateStaffBody = z
  .strictObject({
    status: z.enum(['active', 'disabled'], { error: 'Stan konta to active albo disabled.' }).optional(),
    role: z.enum(STAFF_ROLES, { error: 'Rola to registrar, official albo admin.' }).optional(),
    unitSymbol: unitSymbol.nullable().optional().meta({ description: 'null: no unit (not for officials)' }),
    email: z
      .string()
      .trim()
      .pipe(z.email({ error: 'Podaj poprawny adres e-mail, np. ewa.nowak@urzad.example.' }).max(254))
      .nullable()
      .optional()
      .meta({ description: 'null: no address' }),
  })
  .meta({ id: 'UpdateStaffRequest' });

export const updateUnitBody = z
  .strictObject({
    name: createUnitBody.shape.name.optional(),
    phone: z.string().trim().min(3).max(40).nullable().optional(),
    email: z.email('Podaj poprawny adres e-mail.').max(254).nullable().optional(),
  })
  .meta({ id: 'UpdateUnitRequest' });

export const unitSymbolParams = z.strictObject({ symbol: z.string().trim().toUpperCase().min(1).max(16) });

export type UpdateStaffInput = z.output<typeof updateStaffBody>;
export type UpdateUnitInput = z.output<typeof updateUnitBody>;

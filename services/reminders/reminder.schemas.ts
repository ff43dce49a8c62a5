import { z } from 'zod';
import { REMINDER_STATUSES } from '../../entities/case-reminder.entity';

export const fileReminderBody = z
  .strictObject({
    justification: z.string().trim().min(1).max(5000).meta({ description: 'Why the case takes too long (KPA art. 37 §1: the ponaglenie needs a justification)' }),
  })
  .meta({ id: 'FileReminderRequest' });

export const filedReminder = z
  .object({
    id: z.uuid(),
    filedAt: z.iso.datetime(),
    forwardBy: z.iso.datetime().meta({ description: 'filedAt plus 7 days: the office passes the ponaglenie on by then (art. 37 §4)' }),
  })
  .meta({ id: 'FiledReminder' });

export const officeRemindersQuery = z.strictObject({ status: z.enum(REMINDER_STATUSES).optional() });

export const reminderSchema = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    filedAt: z.iso.datetime(),
    forwardBy: z.iso.datetime(),
    status: z.enum(REMINDER_STATUSES),
    justification: z.string(),
    forwardedAt: z.iso.datetime().nullable(),
    forwardedTo: z.string().nullable(),
    late: z.boolean().meta({ description: 'Not forwarded by forwardBy (still open after it, or forwarded after it)' }),
  })
  .meta({ id: 'Reminder' });

export const reminderList = z.object({ items: z.array(reminderSchema).meta({ description: 'Newest first' }) }).meta({ id: 'ReminderList' });

export const forwardReminderBody = z
  .strictObject({
    forwardedTo: z.string().trim().min(1).max(200).meta({ example: 'Samorządowe Kolegium Odwoławcze w Pile' }),
  })
  .meta({ id: 'ForwardReminderRequest' });

export const reminderIdParams = z.strictObject({ id: z.uuid('Niepoprawny identyfikator ponaglenia.') });

export type FileReminderInput = z.output<typeof fileReminderBody>;
export type ForwardReminderInput = z.output<typeof forwardReminderBody>;
export type FiledReminder = z.output<typeof filedReminder>;
export type ReminderView = z.output<typeof reminderSchema>;

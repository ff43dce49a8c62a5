import { z } from 'zod';
import { caseSummarySchema } from '../cases/case-summary';

/** The key as typed: any letter case, with or without dashes and spaces (checked by the service). */
export const accessKeyBody = z.strictObject({
  key: z.string().meta({ description: 'Internetowy klucz dostępu', example: 'ABCD-EFGH-JKMN-PQRS' }),
});

export const linkedCase = z.object({ case: caseSummarySchema });

export const citizenCases = z.object({ items: z.array(caseSummarySchema) });

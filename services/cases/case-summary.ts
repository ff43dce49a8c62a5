import { z } from 'zod';
import { CASE_STATUSES } from '../../entities/case.entity';
import type { CaseSummaryRecord } from './case.repository';
import { CASE_STATUS_LABELS, isOverdue } from './case-status';
import { personName } from './person-name';

export const caseSummarySchema = z
  .object({
    number: z.string().meta({ example: 'GN.6840.12.2026' }),
    title: z.string(),
    status: z.enum(CASE_STATUSES),
    statusLabel: z.string(),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
    dueAt: z.iso.datetime().nullable(),
    overdue: z.boolean(),
    pausedSince: z.iso.datetime().nullable().meta({ description: 'When the deadline clock stopped (suspended or awaiting the applicant)' }),
    expectedBy: z.iso.datetime().nullable().meta({
      description: "startedAt plus the median duration of this unit's cases of the same JRWA class resolved in the last 365 days (at least 5), else null",
    }),
    unit: z.object({ symbol: z.string(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
    responsiblePerson: z.object({ firstName: z.string(), lastName: z.string() }).nullable(),
  })
  .meta({ id: 'CaseSummary' });

export type CaseSummary = z.output<typeof caseSummarySchema>;

/** The contract's CaseSummary of a row (overdue computed here, the same everywhere). */
export function toCaseSummary(record: CaseSummaryRecord, now: Date = new Date()): CaseSummary {
  const { unit, responsible } = record;
  return {
    number: record.number,
    title: record.title,
    status: record.status,
    statusLabel: CASE_STATUS_LABELS[record.status],
    startedAt: record.startedAt.toISOString(),
    endedAt: record.endedAt ? record.endedAt.toISOString() : null,
    dueAt: record.dueAt ? record.dueAt.toISOString() : null,
    overdue: isOverdue(record.status, record.dueAt, now),
    pausedSince: record.pausedSince ? record.pausedSince.toISOString() : null,
    expectedBy: expectedBy(record),
    unit: { symbol: unit.symbol, name: unit.name, phone: unit.phone, email: unit.email },
    responsiblePerson: responsible ? { firstName: responsible.firstName, lastName: responsible.lastName } : null,
  };
}

/** `expectedBy` needs at least this many resolved cases of the unit and class: fewer say nothing reliable. */
export const EXPECTED_BY_MIN_CASES = 5;

/** The start plus the median duration of comparable resolved cases, or null with too few of them. */
function expectedBy(record: CaseSummaryRecord): string | null {
  const { medianSeconds, sampleSize } = record.resolutionMedian;
  if (medianSeconds === null || sampleSize < EXPECTED_BY_MIN_CASES) return null;
  return new Date(record.startedAt.getTime() + medianSeconds * 1000).toISOString();
}

/** "Firstname Lastname" or null, as message data carries the responsible person. */
export function responsibleName(summary: Pick<CaseSummary, 'responsiblePerson'>): string | null {
  return summary.responsiblePerson ? personName(summary.responsiblePerson) : null;
}

import { getNextMillis } from 'bullmq';
import { OFFICE_TIME_ZONE } from '../services/shared/office-time';

/**
 * Why a cron pattern cannot drive a job scheduler, or null when it can. Checked with BullMQ's
 * own parser (the one the scheduler uses), so a pattern accepted here is one BullMQ accepts; the
 * field count is checked first because the parser quietly reads four fields as something else.
 */
export function cronPatternProblem(pattern: string): string | null {
  const fields = pattern.trim().split(/\s+/);
  if (!pattern.startsWith('@') && (fields.length < 5 || fields.length > 6)) {
    return `a cron pattern has 5 fields (minute hour day month weekday), or 6 with seconds first; got ${fields.length} in "${pattern}"`;
  }
  try {
    if (getNextMillis(Date.now(), { pattern, tz: OFFICE_TIME_ZONE }) === undefined) return `the cron pattern "${pattern}" never fires`;
  } catch (error) {
    return `not a valid cron pattern "${pattern}" (${(error as Error).message})`;
  }
  return null;
}

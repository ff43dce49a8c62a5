import { refreshAllResolutionMedians } from './case-resolution-median.repository';
import type { DataSource } from 'typeorm';
import type { Outbox } from '../outbox/outbox.service';
import { casesOverdue, deadlineScanDuration, deadlineScanLastRun } from '../shared/metrics';
import { isOverdue } from './case-status';
import { expireCallsBefore } from '../correspondence/call.repository';
import { officeDayOf, officialsToRemind, reminderWindowEnd } from './deadline-reminders';
import { claimReminderMails } from './deadline-reminder-mail.repository';
import { listRunningCasesDueBefore, type DeadlineCase } from './deadline-scan.repository';
import { OverdueNotices } from './overdue-notices';

/** What one scan did: the overdue cases it found, and what it wrote now (not what earlier scans had). */
export interface DeadlineScanResult {
  overdueCases: number;
  overdueNotices: number;
  reminderMails: number;
  /** Calls for completion (KPA art. 64 §2) whose day passed unanswered, marked expired now. */
  expiredCalls: number;
}

/**
 * The deadline guard (KPA art. 35–37), run by the workers' job scheduler. Idempotent: any
 * number of scans, in any number of processes, at once or one after another, write each notice
 * and each day's reminder once (unique keys in PostgreSQL), so running it again is always safe.
 */
export class DeadlineScanService {
  private readonly notices: OverdueNotices;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    publicUrl: string,
    /** DEADLINE_REMINDER_DAYS: the working days an official's reminder looks ahead. */
    private readonly reminderDays: number,
  ) {
    this.notices = new OverdueNotices(dataSource, outbox, publicUrl);
  }

  /**
   * Scans as of `now` (passed in, so tests choose the time): one query for the running cases
   * overdue or due within the reminder window; a `case_overdue` message to every citizen linked
   * to an overdue case, once per `dueAt`; and for every responsible official with such cases one
   * reminder e-mail per office day; open calls for completion past their day become expired.
   */
  async scan(now: Date): Promise<DeadlineScanResult> {
    const stopTimer = deadlineScanDuration.startTimer();
    const cases = await listRunningCasesDueBefore(this.dataSource, reminderWindowEnd(now, this.reminderDays));
    const overdue = cases.filter((c) => isOverdue(c.status, c.dueAt, now));
    const overdueNotices = await this.notices.deliver(overdue);
    const reminderMails = await this.recordReminders(cases, now);
    const expiredCalls = await expireCallsBefore(this.dataSource, officeDayOf(now));
    // The 365-day window of `expectedBy` moves on every day, resolutions or not.
    await refreshAllResolutionMedians(this.dataSource, now);
    countOverdueByUnit(overdue);
    deadlineScanLastRun.set(Date.now() / 1000);
    stopTimer();
    return { overdueCases: overdue.length, overdueNotices, reminderMails, expiredCalls };
  }

  /** Records today's reminder of each official who has cases in it, with its e-mail's event, in one transaction. */
  private async recordReminders(cases: readonly DeadlineCase[], now: Date): Promise<number> {
    const officials = officialsToRemind(cases, now, this.reminderDays);
    if (officials.length === 0) return 0;
    const day = officeDayOf(now);
    return this.outbox.transaction(async (manager, emit) => {
      const claimed = await claimReminderMails(manager, day, now, officials);
      for (const userId of claimed) await emit({ name: 'mail.deadline-reminder', data: { userId, day } });
      return claimed.length;
    });
  }
}

/** Sets the overdue gauge from this scan: units without an overdue case drop out of it. */
function countOverdueByUnit(overdue: readonly DeadlineCase[]): void {
  casesOverdue.reset();
  for (const c of overdue) casesOverdue.inc({ unit: c.unit.symbol });
}

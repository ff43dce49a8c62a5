import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const REMINDER_STATUSES = ['filed', 'forwarded'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * A citizen's ponaglenie (KPA art. 37) in an overdue case: filed online, then passed on by the
 * office to the higher authority within 7 days (§4). At most one per case is open (`filed`).
 */
@Entity({ name: 'case_reminders' })
export class CaseReminder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The linked citizen who filed it. */
  @Column({ name: 'filed_by', type: 'uuid' })
  filedBy!: string;

  @Column({ type: 'text' })
  justification!: string;

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  /** By when the office must pass it on: `filedAt` plus 7 days (art. 37 §4). */
  @Column({ name: 'forward_by', type: 'timestamptz' })
  forwardBy!: Date;

  @Column({ type: 'text', default: 'filed' })
  status!: ReminderStatus;

  @Column({ name: 'forwarded_at', type: 'timestamptz', nullable: true })
  forwardedAt!: Date | null;

  /** The higher authority it went to, e.g. "Samorządowe Kolegium Odwoławcze w Pile". */
  @Column({ name: 'forwarded_to', type: 'text', nullable: true })
  forwardedTo!: string | null;

  /** The staff member who passed it on. */
  @Column({ name: 'forwarded_by', type: 'uuid', nullable: true })
  forwardedBy!: string | null;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CASE_STATUSES = [
  'registered',
  'in_progress',
  'awaiting_applicant',
  'suspended',
  'resolved',
  'transferred',
  'discontinued',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A case (sprawa) run by an organisational unit, numbered `UNIT.JRWA.SEQ.YEAR`. */
@Entity({ name: 'cases' })
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The case number (znak sprawy), e.g. `GN.6840.12.2026`. */
  @Column({ type: 'text' })
  number!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'jrwa_symbol', type: 'text' })
  jrwaSymbol!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: 'registered' })
  status!: CaseStatus;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** The KPA term in days (7, 14, 30 or 60), or null when it is given in months. */
  @Column({ name: 'deadline_days', type: 'int', nullable: true })
  deadlineDays!: number | null;

  /** The KPA term in months (1 or 2), or null when it is given in days. */
  @Column({ name: 'deadline_months', type: 'int', nullable: true })
  deadlineMonths!: number | null;

  /** Start plus the KPA deadline, moved later by time spent suspended or awaiting the applicant. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** When the case entered `suspended` or `awaiting_applicant` (the clock is stopped). */
  @Column({ name: 'paused_since', type: 'timestamptz', nullable: true })
  pausedSince!: Date | null;

  @Column({ name: 'responsible_id', type: 'uuid', nullable: true })
  responsibleId!: string | null;

  @Column({ name: 'submission_id', type: 'uuid', nullable: true })
  submissionId!: string | null;

  /** The citizen whose submission opened the case. */
  @Column({ name: 'applicant_user_id', type: 'uuid', nullable: true })
  applicantUserId!: string | null;

  /** The applicant of a paper application. */
  @Column({ name: 'applicant_first_name', type: 'text', nullable: true })
  applicantFirstName!: string | null;

  @Column({ name: 'applicant_last_name', type: 'text', nullable: true })
  applicantLastName!: string | null;

  @Column({ name: 'opened_by', type: 'uuid' })
  openedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

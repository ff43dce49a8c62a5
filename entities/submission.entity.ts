import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SUBMISSION_STATUSES = ['received', 'registered'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** A first letter to the office, or a reply in a case the office already runs. */
export const SUBMISSION_KINDS = ['submission', 'reply'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** A document a citizen sent to the electronic submission box (ESP). */
@Entity({ name: 'submissions' })
export class Submission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  content!: string;

  /** Hex SHA-256 of the UTF-8 content: the receipt's proof of what was received. */
  @Column({ type: 'text' })
  sha256!: string;

  /** `ESP/<year>/<000001>`, gap-free per year. */
  @Column({ name: 'receipt_number', type: 'text' })
  receiptNumber!: string;

  @Column({ name: 'request_access_key', type: 'boolean', default: false })
  requestAccessKey!: boolean;

  @Column({ type: 'text', default: 'received' })
  status!: SubmissionStatus;

  @Column({ type: 'text', default: 'submission' })
  kind!: SubmissionKind;

  /** The case a reply belongs to (null for a first letter: its case names it instead). */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt!: Date;
}

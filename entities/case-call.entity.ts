import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `expired` is also computed on read: an `open` call whose day has passed is shown as expired before the scan marks it. */
export const CALL_STATUSES = ['open', 'answered', 'expired'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** An official's call on the parties to complete their application by a date (KPA art. 64 §2). */
@Entity({ name: 'case_calls' })
export class CaseCall {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** What the parties must send or do. */
  @Column({ type: 'text' })
  what!: string;

  /** The last day to answer (`YYYY-MM-DD`, the office's calendar). */
  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'text', default: 'open' })
  status!: CallStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** The reply (a `submissions` row of kind `reply`) that answered it. */
  @Column({ name: 'reply_id', type: 'uuid', nullable: true })
  replyId!: string | null;
}

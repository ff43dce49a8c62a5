import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const STATUS_CHECK_STATES = ['queued', 'delivered', 'failed'] as const;
export type StatusCheckState = (typeof STATUS_CHECK_STATES)[number];

/** A press of "Sprawdź stan sprawy": recorded before it is queued, so it is never lost. */
@Entity({ name: 'status_checks' })
export class StatusCheck {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** As typed, trimmed and upper-cased; it may name no case at all. */
  @Column({ name: 'case_number', type: 'text' })
  caseNumber!: string;

  @Column({ type: 'text', default: 'queued' })
  status!: StatusCheckState;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId!: string | null;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MESSAGE_KINDS = [
  'submission_received',
  'case_opened',
  'case_status',
  'case_status_changed',
  'case_deadline_changed',
  'case_overdue',
  'case_reminder_forwarded',
  'case_call_for_completion',
  'case_letter',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** A message in a citizen's contact inbox (skrzynka kontaktowa). */
@Entity({ name: 'messages' })
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  kind!: MessageKind;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText!: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml!: string;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  /** One key per event that causes a message: a retried job can never write it twice. */
  @Column({ name: 'event_key', type: 'text' })
  eventKey!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}

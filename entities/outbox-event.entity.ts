import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event written in the same transaction as the act that causes it (transactional outbox).
 * It is published to BullMQ right after commit (job id = event id); the relay publishes any
 * row still unpublished, so a committed act always reaches its worker.
 */
@Entity({ name: 'outbox_events' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'job_name', type: 'text' })
  jobName!: string;

  /** Ids only: never a secret, never a whole entity. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Set by a consumer whose effect cannot be keyed otherwise (e-mail), to skip a retry. */
  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}

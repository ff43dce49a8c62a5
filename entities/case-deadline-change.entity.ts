import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A new deadline set by an official with a reason (KPA art. 36). */
@Entity({ name: 'case_deadline_changes' })
export class CaseDeadlineChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy!: string | null;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseStatus } from './case.entity';

/** One step in a case's history: the status it entered, with a public note. */
@Entity({ name: 'case_history' })
export class CaseHistoryEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  status!: CaseStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy!: string | null;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A citizen who may follow a case: its submitter, or whoever entered its access key. */
@Entity({ name: 'case_links' })
export class CaseLink {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  via!: 'submission' | 'access_key';

  @Column({ name: 'linked_at', type: 'timestamptz', default: () => 'now()' })
  linkedAt!: Date;
}

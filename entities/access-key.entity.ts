import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An internet access key of a case, stored only as a keyed hash; one live key per case. */
@Entity({ name: 'access_keys' })
export class AccessKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

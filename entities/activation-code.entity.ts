import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An activation code sent by e-mail. The code itself is never stored: `seed` lets the mail
 * worker derive it again with the server's pepper (so a retried job sends the same code) and
 * is erased once the e-mail is sent or the code spent; `codeHash` is the keyed hash checked on
 * activation.
 */
@Entity({ name: 'activation_codes' })
export class ActivationCode {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null for a new code asked for a login that is not pending: written only so that every login costs the same. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text', nullable: true })
  seed!: string | null;

  @Column({ name: 'code_hash', type: 'text' })
  codeHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  /** Set when the code was used, or when a newer code replaced it. */
  @Column({ name: 'spent_at', type: 'timestamptz', nullable: true })
  spentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

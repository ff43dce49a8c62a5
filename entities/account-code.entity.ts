import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ACCOUNT_CODE_PURPOSES = ['password_reset', 'email_change'] as const;
export type AccountCodePurpose = (typeof ACCOUNT_CODE_PURPOSES)[number];

/**
 * A code e-mailed for a password reset or an address change, kept like an activation code: the
 * clear code is never stored; `seed` lets the mail worker derive it again (a retried job sends
 * the same code) and is erased once sent or spent; `codeHash` is the keyed hash checked.
 */
@Entity({ name: 'account_codes' })
export class AccountCode {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  purpose!: AccountCodePurpose;

  /** Null for a reset asked for a login without an active account: sent to nobody, never accepted. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  /** The address an `email_change` code confirms. */
  @Column({ name: 'new_email', type: 'text', nullable: true })
  newEmail!: string | null;

  /** The account's address when an `email_change` was asked for: the one told about it. */
  @Column({ name: 'old_email', type: 'text', nullable: true })
  oldEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  seed!: string | null;

  @Column({ name: 'code_hash', type: 'text' })
  codeHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  /** Set when the code was used, or when a newer code of the same purpose replaced it. */
  @Column({ name: 'spent_at', type: 'timestamptz', nullable: true })
  spentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A login that passed the password and waits for its second step (a TOTP code), 5 minutes at most, used once. */
@Entity({ name: 'mfa_challenges' })
export class MfaChallenge {
  /** SHA-256 of the `mfaToken` handed to the client: a database dump cannot finish anyone's login. */
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

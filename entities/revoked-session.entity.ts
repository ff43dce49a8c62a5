import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A session ended before its time (logout): every token of it (the login's and its renewals')
 * is refused. Kept until the session's absolute end, after which no token of it can be valid.
 */
@Entity({ name: 'revoked_sessions' })
export class RevokedSession {
  /** The tokens' `sid`. */
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', default: () => 'now()' })
  revokedAt!: Date;
}

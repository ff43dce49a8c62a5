import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An access token refused before its expiry (logout), kept until it would have expired anyway. */
@Entity({ name: 'revoked_tokens' })
export class RevokedToken {
  /** The token's `jti`. */
  @PrimaryColumn({ name: 'token_id', type: 'uuid' })
  tokenId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', default: () => 'now()' })
  revokedAt!: Date;
}

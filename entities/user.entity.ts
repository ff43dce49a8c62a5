import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['citizen', 'registrar', 'official', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['registrar', 'official', 'admin'] as const satisfies readonly Role[];

/** `deleted`: erased by its owner (DELETE /me); the row stays, anonymised, so its old tokens stay refused. */
export const ACCOUNT_STATUSES = ['pending_activation', 'active', 'disabled', 'deleted'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** A person who logs in: a citizen or a member of the office's staff. */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Always lower case, so that uniqueness ignores letter case. */
  @Column({ type: 'text' })
  login!: string;

  @Column({ type: 'text' })
  email!: string;

  /** Lower-cased e-mail; unique, so that one address has one account. */
  @Column({ name: 'email_normalized', type: 'text' })
  emailNormalized!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'text' })
  status!: AccountStatus;

  /** The organisational unit of an official. */
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'notify_by_email', type: 'boolean', default: true })
  notifyByEmail!: boolean;

  /** When the last "new message" e-mail for a status answer went out (throttling). */
  @Column({ name: 'last_status_mail_at', type: 'timestamptz', nullable: true })
  lastStatusMailAt!: Date | null;

  /**
   * The version every valid token of this account names: raised when the account is disabled,
   * its role changes or its password is reset or changed, which ends all its sessions at once.
   */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;

  /** The TOTP secret of two-step login, AES-256-GCM encrypted (services/auth/mfa-secret-box.ts); set up but not yet confirmed while `mfaEnabledAt` is null. */
  @Column({ name: 'mfa_secret', type: 'text', nullable: true, select: false })
  mfaSecret!: string | null;

  /** When two-step login was confirmed; from then on the login needs a code. */
  @Column({ name: 'mfa_enabled_at', type: 'timestamptz', nullable: true })
  mfaEnabledAt!: Date | null;

  /** The last TOTP time step a code was accepted for: a code (and any older one) works once. */
  @Column({ name: 'mfa_last_step', type: 'bigint', nullable: true, select: false })
  mfaLastStep!: string | null;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  /** The version of /regulamin accepted at registration (null: staff, and accounts from before versions). */
  @Column({ name: 'terms_version', type: 'text', nullable: true })
  termsVersion!: string | null;

  @Column({ name: 'terms_accepted_at', type: 'timestamptz', nullable: true })
  termsAcceptedAt!: Date | null;

  /** When its owner erased the account. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Every role: routes open to any logged-in user. */
export const CITIZEN_AND_STAFF = ROLES;

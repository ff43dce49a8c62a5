import { createHash, randomBytes } from 'node:crypto';
import { STAFF_ROLES, type Role, type User } from '../../entities/user.entity';
import { audit } from '../audit/audit.service';
import { newTotpSecret, otpauthUrl, totpStepOf } from '../auth/totp';
import { AppError } from '../shared/app-error';
import type { Connections } from '../shared/connections';
import { consumeOrThrow } from '../shared/rate-limits';
import { openSecret, sealSecret } from '../shared/secrets';
import {
  enableMfa,
  insertMfaChallenge,
  lockLiveMfaChallenge,
  lockMfaAccount,
  mfaEnabled,
  spendMfaChallenge,
  spendMfaStep,
  storePendingMfaSecret,
  type MfaAccount,
} from './mfa.repository';

/** How long the second step of a login may take. */
export const MFA_TOKEN_SECONDS = 5 * 60;

/** What a login answers: the tokens, or (two-step login) a token for the second step. */
export type LoginResult = { accessToken: string; expiresIn: number } | { mfaRequired: true; mfaToken: string };

const INVALID_CODE = (status: 400 | 401) =>
  new AppError(status, 'invalid_code', 'Niepoprawny kod', 'Kod z aplikacji jest niepoprawny albo został już użyty. Wpisz kod, który aplikacja pokazuje teraz.', undefined, {}, 'code');
const MFA_ENABLED = () => AppError.conflict('mfa_enabled', 'Logowanie dwuetapowe jest już włączone. Aby ustawić je na nowym telefonie, poproś administratora o jego wyłączenie.');
const DEAD_MFA_TOKEN = () => AppError.unauthorized('Czas na wpisanie kodu minął albo logowanie zostało już dokończone. Zaloguj się ponownie.');
const TOO_MANY_CODES = 'Zbyt wiele błędnych kodów. Odczekaj kwadrans i spróbuj ponownie.';

/**
 * Two-step login for staff (TOTP, RFC 6238): setting it up, confirming it, and the second step of
 * a login. A code is accepted once: the account keeps the last time step it accepted, and a code
 * of that step or an earlier one is refused. Wrong codes count per account (5 per 15 minutes,
 * then 429), whichever login or set-up they came from.
 */
export class TwoStepService {
  constructor(private readonly ctx: Connections) {}

  /**
   * The end of a login whose password was right: the tokens, or (two-step login on) a single-use
   * `mfaToken` valid 5 minutes. It is a random id, only its hash is stored, and it is no JWT, so
   * it can never be used as an access token.
   */
  async afterPassword(user: User, ip: string): Promise<LoginResult> {
    if (user.mfaEnabledAt) {
      const mfaToken = randomBytes(32).toString('base64url');
      await insertMfaChallenge(this.ctx.dataSource, { tokenHash: hashOf(mfaToken), userId: user.id, seconds: MFA_TOKEN_SECONDS });
      await audit(this.ctx.dataSource, { actor: user.login, action: 'login.mfa_required', subject: user.id, ip });
      return { mfaRequired: true, mfaToken };
    }
    await audit(this.ctx.dataSource, { actor: user.login, action: 'login.succeeded', subject: user.id, ip, details: { role: user.role } });
    return this.tokensFor(user);
  }

  /** The second step: the code for the login `mfaToken` stands for. 401 for a wrong code or a dead token, 429 after 5 wrong codes. */
  async completeLogin(mfaToken: string, code: string, ip: string): Promise<{ accessToken: string; expiresIn: number }> {
    const tokenHash = hashOf(mfaToken);
    const outcome = await this.ctx.dataSource.transaction(async (manager) => {
      const challenge = await lockLiveMfaChallenge(manager, tokenHash);
      if (!challenge) return null;
      const account = await lockMfaAccount(manager, challenge.userId);
      if (!account || account.status !== 'active' || !account.mfaEnabledAt || !account.mfaSecret) return null;
      await this.chargeCode(account);
      const step = acceptableStep(account, code);
      if (step === null) return { account, ok: false };
      await spendMfaStep(manager, account.id, step);
      await spendMfaChallenge(manager, tokenHash);
      return { account, ok: true };
    });
    if (!outcome) throw DEAD_MFA_TOKEN();
    const { account, ok } = outcome;
    if (!ok) {
      await audit(this.ctx.dataSource, { actor: account.login, action: 'login.mfa_failed', subject: account.id, ip });
      throw INVALID_CODE(401);
    }
    await this.ctx.rateLimits.mfaFailures.delete(account.id);
    await audit(this.ctx.dataSource, { actor: account.login, action: 'login.succeeded', subject: account.id, ip, details: { role: account.role, mfa: true } });
    return this.ctx.tokens.issue(account.id, account.role, { tokenVersion: account.tokenVersion });
  }

  /** True when the account has two-step login switched on. */
  async enabledFor(userId: string): Promise<boolean> {
    return mfaEnabled(this.ctx.dataSource, userId);
  }

  /** Starts the set-up: a new secret, shown this once (stored sealed). 409 when two-step login is on already. */
  async setUp(userId: string, ip: string): Promise<{ secret: string; otpauthUrl: string }> {
    return this.ctx.dataSource.transaction(async (manager) => {
      const account = await lockMfaAccount(manager, userId);
      if (!account) throw AppError.unauthorized();
      if (account.mfaEnabledAt) throw MFA_ENABLED();
      const secret = newTotpSecret();
      await storePendingMfaSecret(manager, userId, sealSecret(secret));
      await audit(manager, { actor: account.login, action: 'mfa.setup_started', subject: userId, ip });
      return { secret, otpauthUrl: otpauthUrl(secret, account.login) };
    });
  }

  /** Confirms the set-up with a code from the app: from then on the login needs the second step. */
  async confirm(userId: string, code: string, ip: string): Promise<void> {
    const outcome = await this.ctx.dataSource.transaction(async (manager) => {
      const account = await lockMfaAccount(manager, userId);
      if (!account) throw AppError.unauthorized();
      if (account.mfaEnabledAt) throw MFA_ENABLED();
      if (!account.mfaSecret) return { account, ok: false };
      await this.chargeCode(account);
      const step = acceptableStep(account, code);
      if (step === null) return { account, ok: false };
      await enableMfa(manager, userId, step);
      await audit(manager, { actor: account.login, action: 'mfa.enabled', subject: userId, ip });
      return { account, ok: true };
    });
    if (!outcome.ok) {
      await audit(this.ctx.dataSource, { actor: outcome.account.login, action: 'mfa.confirm_failed', subject: userId, ip });
      throw INVALID_CODE(400);
    }
    await this.ctx.rateLimits.mfaFailures.delete(userId);
  }

  /** The tokens of a login; a staff member who must set up two-step login first gets a set-up-only token. */
  private tokensFor(user: Pick<User, 'id' | 'role' | 'tokenVersion' | 'mfaEnabledAt'>): { accessToken: string; expiresIn: number } {
    const setupOnly = this.ctx.config.staffMfaRequired && (STAFF_ROLES as readonly Role[]).includes(user.role) && !user.mfaEnabledAt;
    return this.ctx.tokens.issue(user.id, user.role, { tokenVersion: user.tokenVersion, setupOnly });
  }

  /** Every code tried counts; the refund comes with success. */
  private async chargeCode(account: MfaAccount): Promise<void> {
    try {
      await consumeOrThrow(this.ctx.rateLimits.mfaFailures, account.id);
    } catch (error) {
      if (error instanceof AppError && error.status === 429) throw AppError.tooManyRequests(Number(error.headers['Retry-After']), TOO_MANY_CODES);
      throw error;
    }
  }
}

/** The step of `code` when it is right and newer than the last one accepted; else null. */
function acceptableStep(account: MfaAccount, code: string): number | null {
  if (!account.mfaSecret) return null;
  const step = totpStepOf(openSecret(account.mfaSecret), code);
  if (step === null) return null;
  if (account.mfaLastStep !== null && step <= Number(account.mfaLastStep)) return null;
  return step;
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

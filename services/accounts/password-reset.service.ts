import { audit } from '../audit/audit.service';
import type { Connections } from '../shared/connections';
import { AppError } from '../shared/app-error';
import { consumeOrThrow } from '../shared/rate-limits';
import { sameDigest } from '../shared/secrets';
import { countAccountCodeFailure, findLiveAccountCode, spendLiveAccountCodes } from './account-code.repository';
import { ACCOUNT_CODE_MAX_FAILURES, accountCodeHash, createAccountCode } from './account-codes';
import { hashPassword } from './password-hash';
import { passwordProblem } from './password-policy';
import { findActiveUserIdByLogin, lockUserByLogin, setPasswordHash } from './user.repository';

const INVALID_RESET_CODE = new AppError(
  400,
  'invalid_code',
  'Niepoprawny kod',
  'Kod resetowania hasła jest niepoprawny, wygasł lub został już użyty. Możesz poprosić o nowy kod.',
);

/**
 * Forgotten passwords: a code e-mailed to the account's address, then a new password with it.
 * Nothing in the answers or their timing tells whether a login exists or is active.
 */
export class PasswordResetService {
  constructor(private readonly ctx: Connections) {}

  /**
   * E-mails a reset code when the login has an active account; answers the same whatever the
   * login. Every login does the same work (a lookup, a charge against the per-login limit, one
   * transaction writing a code row and an outbox event); the worker sends, or drops a row of nobody.
   */
  async request(login: string): Promise<void> {
    await consumeOrThrow(this.ctx.rateLimits.passwordResets, login);
    const userId = await findActiveUserIdByLogin(this.ctx.dataSource, login);
    await this.ctx.outbox.transaction(async (manager, emit) => {
      const accountCodeId = await createAccountCode(manager, 'password_reset', userId);
      await emit({ name: 'mail.password-reset-code', data: { accountCodeId } });
    });
  }

  /**
   * Sets a new password with the e-mailed code; then every token of the account is refused and
   * an e-mail says so. A wrong, expired, used or exhausted code, an unknown login and another
   * account's code all give one answer.
   */
  async confirm(login: string, code: string, password: string, ip: string): Promise<void> {
    const problem = passwordProblem(password, login);
    if (problem) throw AppError.validation([{ field: 'password', message: problem }]);
    // Hashed before the lookup: an unknown login costs the same as a known one.
    const passwordHash = await hashPassword(password);
    const { tokens } = this.ctx;
    const changed = await this.ctx.outbox.transaction(async (manager, emit) => {
      const user = await lockUserByLogin(manager, login);
      const row = user?.status === 'active' ? await findLiveAccountCode(manager, user.id, 'password_reset') : null;
      if (!user || !row || row.failedAttempts >= ACCOUNT_CODE_MAX_FAILURES) return null;
      if (!sameDigest(row.codeHash, accountCodeHash('password_reset', code))) {
        await countAccountCodeFailure(manager, row.id);
        return null;
      }
      await spendLiveAccountCodes(manager, user.id, 'password_reset');
      await setPasswordHash(manager, user.id, passwordHash);
      const version = await tokens.standing.raiseVersion(manager, user.id);
      await emit({ name: 'mail.password-changed', data: { userId: user.id } });
      await audit(manager, { actor: login, action: 'password.reset', subject: user.id, ip });
      return { userId: user.id, version };
    });
    if (!changed) throw INVALID_RESET_CODE;
    if (changed.version !== null) await tokens.standing.publish(changed.userId, changed.version);
    // Whoever locked the login out by guessing should not keep its owner out after a reset.
    await this.ctx.rateLimits.loginFailures.delete(login).catch(() => undefined);
  }
}

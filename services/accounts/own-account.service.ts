import type { User } from '../../entities/user.entity';
import type { Principal } from '../auth/token.service';
import { audit } from '../audit/audit.service';
import type { Connections } from '../shared/connections';
import { AppError } from '../shared/app-error';
import { uniqueViolation } from '../shared/database';
import { consumeOrThrow } from '../shared/rate-limits';
import { sameDigest } from '../shared/secrets';
import type { Me } from './account.schemas';
import { toMe } from './account.service';
import { countAccountCodeFailure, findLiveAccountCode, spendLiveAccountCodes } from './account-code.repository';
import { ACCOUNT_CODE_MAX_FAILURES, accountCodeHash, createAccountCode } from './account-codes';
import { eraseAccount, hasCaseDocuments, loadPersonalRecords, type PersonalRecords } from './account-data.repository';
import { hashPassword, verifyPassword } from './password-hash';
import { passwordProblem } from './password-policy';
import { findUserById, findUserIdByEmail, lockUserById, setEmail, setPasswordHash } from './user.repository';

const INVALID_EMAIL_CODE = new AppError(
  400,
  'invalid_code',
  'Niepoprawny kod',
  'Kod potwierdzenia adresu jest niepoprawny, wygasł lub został już użyty. Możesz jeszcze raz poprosić o zmianę adresu.',
);

/** Everything the service holds about a person (GET /me/export). */
export interface AccountExport extends PersonalRecords {
  exportedAt: string;
  account: Me & { createdAt: string; activatedAt: string | null };
}

/**
 * What a logged-in person does with their own account: change the password or the address,
 * take their data, erase the account. Each act asks for the current password again, charged
 * against the login's failure limit, so that a stolen session cannot guess it.
 */
export class OwnAccountService {
  constructor(private readonly ctx: Connections) {}

  /**
   * Changes the password; every token of the account issued before is refused from then on,
   * the caller's own too (see the route). Answers the account's new token version, so that the
   * web page can give its session a fresh cookie; an e-mail tells the owner.
   */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, ip: string): Promise<number> {
    const user = await this.activeAccount(principal.userId);
    const problem = passwordProblem(newPassword, user.login);
    if (problem) throw AppError.validation([{ field: 'newPassword', message: problem }]);
    await this.checkPassword(user, currentPassword, 'currentPassword');
    const passwordHash = await hashPassword(newPassword);
    const { standing } = this.ctx.tokens;
    const version = await this.ctx.outbox.transaction(async (manager, emit) => {
      await setPasswordHash(manager, user.id, passwordHash);
      const raised = await standing.raiseVersion(manager, user.id);
      await emit({ name: 'mail.password-changed', data: { userId: user.id } });
      await audit(manager, { actor: user.login, action: 'password.changed', subject: user.id, ip });
      return raised;
    });
    if (version === null) throw AppError.unauthorized();
    await standing.publish(user.id, version);
    return version;
  }

  /**
   * Asks to change the address: a code goes to the new address, a notice to the old one. An
   * address that has an account answers the same and costs the same here; the mail worker then
   * sends it no code, and confirming would fail anyway.
   */
  async requestEmailChange(userId: string, email: string, password: string, ip: string): Promise<void> {
    const user = await this.activeAccount(userId);
    await this.checkPassword(user, password, 'password');
    await consumeOrThrow(this.ctx.rateLimits.emailChanges, user.id);
    await this.ctx.outbox.transaction(async (manager, emit) => {
      const accountCodeId = await createAccountCode(manager, 'email_change', user.id, { newEmail: email, oldEmail: user.email });
      await emit({ name: 'mail.email-change-code', data: { accountCodeId } });
      await emit({ name: 'mail.email-change-notice', data: { accountCodeId } });
      await audit(manager, { actor: user.login, action: 'email.change_requested', subject: user.id, ip });
    });
  }

  /** Confirms the new address with its code, when the address is still free; answers the account as GET /me. */
  async confirmEmailChange(userId: string, code: string, ip: string): Promise<Me> {
    let changed: boolean;
    try {
      changed = await this.ctx.dataSource.transaction(async (manager) => {
        const user = await lockUserById(manager, userId);
        const row = user?.status === 'active' ? await findLiveAccountCode(manager, user.id, 'email_change') : null;
        if (!user || !row?.newEmail || row.failedAttempts >= ACCOUNT_CODE_MAX_FAILURES) return false;
        if (!sameDigest(row.codeHash, accountCodeHash('email_change', code))) {
          await countAccountCodeFailure(manager, row.id);
          return false;
        }
        const owner = await findUserIdByEmail(manager, row.newEmail.toLowerCase());
        if (owner && owner.id !== user.id) return false;
        await spendLiveAccountCodes(manager, user.id, 'email_change');
        await setEmail(manager, user.id, row.newEmail);
        await audit(manager, { actor: user.login, action: 'email.changed', subject: user.id, ip });
        return true;
      });
    } catch (error) {
      // Another account took the address between the check and the update.
      if (uniqueViolation(error) === 'users_email_normalized_key') throw INVALID_EMAIL_CODE;
      throw error;
    }
    if (!changed) throw INVALID_EMAIL_CODE;
    return toMe(await this.activeAccount(userId));
  }

  /** Everything the service holds about the caller (GDPR art. 15 and 20). */
  async exportData(userId: string): Promise<AccountExport> {
    const user = await this.activeAccount(userId);
    const records = await loadPersonalRecords(this.ctx.dataSource, user.id);
    return {
      exportedAt: new Date().toISOString(),
      account: { ...toMe(user), createdAt: user.createdAt.toISOString(), activatedAt: user.activatedAt?.toISOString() ?? null },
      ...records,
    };
  }

  /**
   * Erases the caller's account (see eraseAccount for what goes and what stays) and ends every
   * session of it: the row stays with a raised token version, so old tokens are refused both by
   * Redis and by PostgreSQL.
   */
  async deleteAccount(userId: string, password: string, ip: string): Promise<void> {
    const user = await this.activeAccount(userId);
    await this.checkPassword(user, password, 'password');
    const { standing } = this.ctx.tokens;
    const version = await this.ctx.dataSource.transaction(async (manager) => {
      const locked = await lockUserById(manager, user.id);
      if (!locked || locked.status !== 'active') return null;
      await eraseAccount(manager, user.id, await hasCaseDocuments(manager, user.id));
      const raised = await standing.raiseVersion(manager, user.id);
      // The audit log keeps the login it had: the record of who did what must not change.
      await audit(manager, { actor: user.login, action: 'account.deleted', subject: user.id, ip });
      return raised;
    });
    if (version === null) throw AppError.unauthorized();
    await standing.publish(user.id, version);
    await this.ctx.rateLimits.loginFailures.delete(user.login).catch(() => undefined);
  }

  private async activeAccount(userId: string): Promise<User> {
    const user = await findUserById(this.ctx.dataSource, userId);
    if (!user || user.status !== 'active') throw AppError.unauthorized();
    return user;
  }

  /** The current password again, charged like a login attempt and refunded when right. */
  private async checkPassword(user: User, password: string, field: string): Promise<void> {
    const limiter = this.ctx.rateLimits.loginFailures;
    await consumeOrThrow(limiter, user.login);
    if (await verifyPassword(user.passwordHash, password)) {
      await limiter.reward(user.login, 1);
      return;
    }
    throw new AppError(400, 'wrong_password', 'Niepoprawne hasło', 'Hasło jest niepoprawne. Wpisz hasło, którym się logujesz.', undefined, {}, field);
  }
}

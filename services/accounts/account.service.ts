import type { User } from '../../entities/user.entity';
import type { Principal } from '../auth/token.service';
import { audit } from '../audit/audit.service';
import type { Connections } from '../shared/connections';
import { AppError } from '../shared/app-error';
import { uniqueViolation } from '../shared/database';
import { consumeOrThrow } from '../shared/rate-limits';
import { LoginThrottle } from './login-throttle';
import { TwoStepService, type LoginResult } from './two-step.service';
import { sameDigest } from '../shared/secrets';
import { TERMS_VERSION } from '../shared/terms-version';
import type { Me, RegisterInput } from './account.schemas';
import { ACTIVATION_CODE_MAX_FAILURES, activationCodeHash, createActivationCode } from './activation-codes';
import { hashPassword, verifyPassword } from './password-hash';
import { passwordProblem } from './password-policy';
import { countActivationFailure, findLiveActivationCode, spendActivationCode } from './activation-code.repository';
import {
  findLoginById,
  findUserById,
  findUserByLogin,
  findUserIdByEmail,
  deleteStalePendingAccounts,
  findPendingUserIdByLogin,
  insertCitizen,
  lockUserByLogin,
  loginExists,
  markUserActivated,
  setNotifyByEmail,
} from './user.repository';

/** A registration not activated within this time no longer holds its login and address. */
export const PENDING_REGISTRATION_HOURS = 24;

const INVALID_CODE = new AppError(400, 'invalid_code', 'Niepoprawny kod', 'Kod aktywacyjny jest niepoprawny, wygasł lub został już użyty. Możesz poprosić o nowy kod.');
const INVALID_CREDENTIALS = new AppError(401, 'invalid_credentials', 'Niepoprawne dane logowania', 'Login lub hasło są niepoprawne.');
const DISABLED = new AppError(403, 'account_disabled', 'Konto wyłączone', 'To konto zostało wyłączone. Jeśli to pomyłka, skontaktuj się z administratorem urzędu.');
const NOT_ACTIVE = new AppError(403, 'account_not_active', 'Konto nieaktywne', 'Konto nie zostało jeszcze aktywowane. Wpisz kod aktywacyjny z wiadomości e-mail.');

/** Citizen accounts: registration, activation, login, logout and the caller's own data. */
export class AccountService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly ctx: Connections,
    /** The second step of a staff login. */
    readonly twoStep: TwoStepService = new TwoStepService(ctx),
  ) {
    this.throttle = new LoginThrottle(ctx.rateLimits);
  }

  /**
   * Registers a citizen and e-mails an activation code. An address that already has an account
   * gets the same answer and creates nothing; its owner is told by e-mail instead.
   */
  async register(input: RegisterInput, ip: string): Promise<void> {
    await consumeOrThrow(this.ctx.rateLimits.registrations, ip);
    const problem = passwordProblem(input.password, input.login);
    if (problem) throw AppError.validation([{ field: 'password', message: problem }]);
    const emailNormalized = input.email.toLowerCase();

    // Logins are public (409 says one is taken); addresses are not. So the login is checked
    // first, whatever the address, and the password is hashed before the address is looked up:
    // a taken address answers exactly like a new one, in content and in time.
    const { dataSource } = this.ctx;
    // A registration never activated gives its login and address back after a day (its code is
    // dead by then anyway), so a typo in the address does not lock its owner out for good.
    await deleteStalePendingAccounts(dataSource, input.login, emailNormalized, PENDING_REGISTRATION_HOURS);
    if (await loginExists(dataSource, input.login)) throw loginTaken();
    const passwordHash = await hashPassword(input.password);
    const owner = await findUserIdByEmail(dataSource, emailNormalized);
    if (owner) return this.tellOwnerOfTakenEmail(owner.id);

    try {
      await this.ctx.outbox.transaction(async (manager, emit) => {
        const user = await insertCitizen(manager, {
          login: input.login,
          email: input.email,
          emailNormalized,
          passwordHash,
          firstName: input.firstName,
          lastName: input.lastName,
          termsVersion: TERMS_VERSION,
          termsAcceptedAt: new Date(),
        });
        const activationCodeId = await createActivationCode(manager, user.id);
        await emit({ name: 'mail.activation-code', data: { activationCodeId } });
      });
    } catch (error) {
      // Two registrations raced: the loser learns what the winner took.
      const constraint = uniqueViolation(error);
      if (constraint === 'users_login_key') throw loginTaken();
      if (constraint === 'users_email_normalized_key') {
        const winner = await findUserIdByEmail(dataSource, emailNormalized);
        if (winner) await this.tellOwnerOfTakenEmail(winner.id);
        return;
      }
      throw error;
    }
  }

  private async tellOwnerOfTakenEmail(userId: string): Promise<void> {
    // At most one such e-mail an hour per address, so registration cannot be used to flood it.
    // Without Redis the owner is not told this time: the answer must stay the same 202, and an
    // unthrottled e-mail could be used to flood the address.
    const fresh = await this.ctx.redis.set(`${this.ctx.producer.prefix}:email-taken:${userId}`, '1', 'EX', 3600, 'NX').catch(() => null);
    if (!fresh) return;
    await this.ctx.outbox.transaction((_m, emit) => emit({ name: 'mail.email-taken', data: { userId } }));
  }

  /** Activates an account with the e-mailed code; every failure gives one answer. */
  async activate(login: string, code: string): Promise<void> {
    const activated = await this.ctx.outbox.transaction(async (manager, emit) => {
      const user = await lockUserByLogin(manager, login);
      if (!user || user.status !== 'pending_activation') return false;
      const row = await findLiveActivationCode(manager, user.id);
      if (!row || row.failedAttempts >= ACTIVATION_CODE_MAX_FAILURES) return false;
      if (!sameDigest(row.codeHash, activationCodeHash(code))) {
        await countActivationFailure(manager, row.id);
        return false;
      }
      await spendActivationCode(manager, row.id);
      await markUserActivated(manager, user.id);
      await emit({ name: 'mail.account-activated', data: { userId: user.id } });
      return true;
    });
    if (!activated) throw INVALID_CODE;
  }

  /**
   * Sends a new activation code to a pending account; answers the same for any login, and costs
   * the same: every login is looked up, charged against the limit and gets a code row and an
   * outbox event written in one transaction. For a login that is not pending the row belongs to
   * nobody; the mail worker deletes it unsent.
   */
  async resendActivation(login: string): Promise<void> {
    const userId = await findPendingUserIdByLogin(this.ctx.dataSource, login);
    const allowed = await this.ctx.rateLimits.resendActivation.consume(login).then(
      () => true,
      () => false,
    );
    if (!allowed) return;
    await this.ctx.outbox.transaction(async (manager, emit) => {
      const activationCodeId = await createActivationCode(manager, userId);
      await emit({ name: 'mail.activation-code', data: { activationCodeId } });
    });
  }

  /**
   * Logs in with login and password; unknown login and wrong password answer alike. With
   * two-step login on, the answer is the token for the second step instead of the tokens.
   */
  async login(login: string, password: string, ip: string): Promise<LoginResult> {
    // Every attempt is charged before the password is checked and refunded when it was right:
    // checking first and charging after would let parallel guesses all pass an uncounted limit.
    try {
      await this.throttle.charge(login, ip);
    } catch (error) {
      // Refused unchecked, and still an attempt the audit log must show.
      await audit(this.ctx.dataSource, { actor: login, action: 'login.throttled', ip });
      throw error;
    }
    const user = await findUserByLogin(this.ctx.dataSource, login);
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok) {
      await audit(this.ctx.dataSource, { actor: login, action: 'login.failed', subject: user?.id ?? null, ip });
      throw INVALID_CREDENTIALS;
    }
    if (user.status !== 'active') {
      await this.throttle.refund(login, ip);
      await audit(this.ctx.dataSource, { actor: login, action: 'login.refused', subject: user.id, ip, details: { status: user.status } });
      throw user.status === 'disabled' ? DISABLED : NOT_ACTIVE;
    }
    await this.throttle.succeeded(login, ip);
    return this.twoStep.afterPassword(user, ip);
  }

  /** Ends the session of this token (it and its renewals stop working at once) and records it in the audit log. */
  async logout(principal: Principal, ip: string): Promise<void> {
    await this.ctx.tokens.revoke(principal);
    const login = await findLoginById(this.ctx.dataSource, principal.userId);
    await audit(this.ctx.dataSource, { actor: login ?? principal.userId, action: 'logout', subject: principal.userId, ip });
  }

  /** The caller's own account. */
  async me(userId: string): Promise<Me> {
    const user = await findUserById(this.ctx.dataSource, userId);
    if (!user) throw AppError.unauthorized();
    return toMe(user);
  }

  /** Changes the caller's settings. */
  async updateMe(userId: string, changes: { notifyByEmail: boolean }): Promise<Me> {
    await setNotifyByEmail(this.ctx.dataSource, userId, changes.notifyByEmail);
    return this.me(userId);
  }
}

/** The caller's account as GET /me shows it. */
export function toMe(user: User): Me {
  const { id, login, email, firstName, lastName, role, status, notifyByEmail, termsVersion } = user;
  return { id, login, email, firstName, lastName, role, status, notifyByEmail, termsVersion, termsAcceptedAt: user.termsAcceptedAt?.toISOString() ?? null };
}

function loginTaken(): AppError {
  return AppError.conflict('login_taken', 'Ten login jest już zajęty. Wybierz inny.');
}

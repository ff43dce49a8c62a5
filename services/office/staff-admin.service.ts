import type { DataSource, EntityManager } from 'typeorm';
import type { SessionStanding } from '../auth/session-standing';
import { audit } from '../audit/audit.service';
import type { Actor } from '../audit/actor';
import { placeholderEmail } from '../accounts/staff-accounts';
import { clearMfa, findStaff, listStaff, lockActiveAdmins, lockStaff, updateStaff, type StaffChanges, type StaffView } from '../accounts/staff.repository';
import { AppError } from '../shared/app-error';
import { uniqueViolation } from '../shared/database';
import type { UpdateStaffInput } from './staff-admin.schemas';
import { findUnitBySymbol } from './unit.repository';

const NO_SUCH_ACCOUNT = () => AppError.notFound('Nie ma takiego konta pracownika.');
const LAST_ADMIN = () =>
  AppError.conflict('last_admin', 'To ostatni aktywny administrator: nie można go wyłączyć ani odebrać mu tej roli. Najpierw nadaj rolę administratora komuś innemu.');

/** The admin's side of staff accounts: the list, changes of status, role, unit and address, and the second-factor reset. */
export class StaffAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly standing: SessionStanding,
  ) {}

  /** Every staff account. */
  async list(): Promise<{ items: StaffView[] }> {
    return { items: await listStaff(this.dataSource) };
  }

  /** One staff account (404 for none, and for a citizen). */
  async get(id: string): Promise<StaffView> {
    const found = await findStaff(this.dataSource, id);
    if (!found) throw NO_SUCH_ACCOUNT();
    return found;
  }

  /**
   * Changes a staff account. Disabling it or changing its role raises its token version in the
   * same transaction, so every token it holds is refused once this commits (role and status are
   * never taken from an old token). The last active admin cannot be disabled or demoted.
   */
  async update(actor: Actor, id: string, input: UpdateStaffInput): Promise<StaffView> {
    let raised: number | null = null;
    try {
      raised = await this.dataSource.transaction(async (manager) => {
        const removesAdmin = input.status === 'disabled' || input.role !== undefined;
        const admins = removesAdmin ? await lockActiveAdmins(manager) : [];
        const account = await lockStaff(manager, id);
        if (!account) throw NO_SUCH_ACCOUNT();
        const changes = await this.changesOf(manager, account, input);
        const stopsBeingAdmin = account.role === 'admin' && account.status === 'active' && (changes.status === 'disabled' || (changes.role !== undefined && changes.role !== 'admin'));
        if (stopsBeingAdmin && admins.filter((a) => a !== id).length === 0) throw LAST_ADMIN();
        await updateStaff(manager, id, changes);
        const endsSessions = (changes.status === 'disabled' && account.status !== 'disabled') || (changes.role !== undefined && changes.role !== account.role);
        const version = endsSessions ? await this.standing.raiseVersion(manager, id) : null;
        await audit(manager, { actor: actor.login, action: 'staff.updated', subject: account.login, ip: actor.ip, details: describe(account, input) });
        return version;
      });
    } catch (error) {
      if (uniqueViolation(error) === 'users_email_normalized_key') {
        throw new AppError(409, 'email_taken', 'Konflikt', 'Ten adres e-mail ma już inne konto. Podaj służbowy adres tej osoby.', undefined, {}, 'email');
      }
      throw error;
    }
    if (raised !== null) await this.standing.publish(id, raised);
    return this.get(id);
  }

  /** Switches a person's two-step login off (a lost phone): they set it up again at their next login; their sessions end. */
  async resetMfa(actor: Actor, id: string): Promise<StaffView> {
    const raised = await this.dataSource.transaction(async (manager) => {
      const account = await lockStaff(manager, id);
      if (!account) throw NO_SUCH_ACCOUNT();
      await clearMfa(manager, id);
      await audit(manager, { actor: actor.login, action: 'staff.mfa_reset', subject: account.login, ip: actor.ip });
      return this.standing.raiseVersion(manager, id);
    });
    if (raised !== null) await this.standing.publish(id, raised);
    return this.get(id);
  }

  /** The row changes the input means, with the unit looked up and the role's unit rule checked. */
  private async changesOf(manager: EntityManager, account: { login: string; role: string; unitId: string | null }, input: UpdateStaffInput): Promise<StaffChanges> {
    const changes: StaffChanges = { status: input.status, role: input.role };
    if (input.unitSymbol !== undefined) {
      if (input.unitSymbol === null) changes.unitId = null;
      else {
        const unit = await findUnitBySymbol(manager, input.unitSymbol);
        if (!unit) throw AppError.notFound(`Nie ma komórki ${input.unitSymbol}.`, { field: 'unitSymbol' });
        changes.unitId = unit.id;
      }
    }
    const role = input.role ?? account.role;
    const unitId = changes.unitId !== undefined ? changes.unitId : account.unitId;
    if (role === 'official' && unitId === null) {
      throw AppError.validation([{ field: 'unitSymbol', message: 'Referent musi mieć komórkę: wybierz ją.' }]);
    }
    if (input.email !== undefined) changes.email = input.email ?? placeholderEmail(account.login);
    return changes;
  }
}

/** What changed, for the audit log: the new values, never a secret. */
function describe(account: { role: string; status: string }, input: UpdateStaffInput): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  if (input.status !== undefined) details.status = { from: account.status, to: input.status };
  if (input.role !== undefined) details.role = { from: account.role, to: input.role };
  if (input.unitSymbol !== undefined) details.unitSymbol = input.unitSymbol;
  if (input.email !== undefined) details.email = input.email;
  return details;
}

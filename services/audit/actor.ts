import type { DataSource } from 'typeorm';
import type { Role } from '../../entities/user.entity';
import { findActorFields } from '../accounts/user.repository';
import type { Principal } from '../auth/token.service';
import { AppError } from '../shared/app-error';

/** Who acts, for authorisation and the audit log. */
export interface Actor {
  userId: string;
  login: string;
  role: Role;
  /** The official's unit, for the unit rule on cases. */
  unitId: string | null;
  ip: string | null;
}

/** Where an act came from, as the audit log records it (the entry point reads it off its request). */
export interface ActOrigin {
  ip: string | null;
}

/** Finds who acts behind a verified token. */
export class ActorService {
  constructor(private readonly dataSource: DataSource) {}

  /** Loads the acting staff member behind a verified token (a removed account is refused). */
  async of(principal: Principal, origin: ActOrigin): Promise<Actor> {
    const user = await findActorFields(this.dataSource, principal.userId);
    if (!user || user.status !== 'active') throw AppError.unauthorized();
    return { userId: principal.userId, login: user.login, role: principal.role, unitId: user.unitId, ip: origin.ip };
  }
}

import type { EntityManager } from 'typeorm';
import type { AccessKey } from '../../entities/access-key.entity';

/** Revokes the case's live key, if it has one. */
export async function revokeLiveAccessKey(manager: EntityManager, caseId: AccessKey['caseId']): Promise<void> {
  await manager.query(`UPDATE access_keys SET revoked_at = now() WHERE case_id = $1 AND revoked_at IS NULL`, [caseId]);
}

/** Stores a new live key of the case, by its keyed hash only. */
export async function insertAccessKey(manager: EntityManager, key: Pick<AccessKey, 'caseId' | 'keyHash'>): Promise<void> {
  await manager.query(`INSERT INTO access_keys (case_id, key_hash) VALUES ($1, $2)`, [key.caseId, key.keyHash]);
}

/** True when any key, live or revoked, was ever issued for the case. */
export async function accessKeyEverIssued(manager: EntityManager, caseId: AccessKey['caseId']): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM access_keys WHERE case_id = $1 LIMIT 1`, [caseId]);
  return rows.length > 0;
}

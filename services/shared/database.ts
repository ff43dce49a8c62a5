import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

/** Where a repository function runs: the pool, or the caller's transaction. */
export type Db = DataSource | EntityManager;

/** The transaction's start time (`now()`): every row one act writes carries the same instant. */
export async function transactionTime(manager: EntityManager): Promise<Date> {
  const [{ now }]: Array<{ now: Date }> = await manager.query(`SELECT now() AS now`);
  return now;
}

/** The database's wall clock (`clock_timestamp()`): the time after a lock was granted, not when the transaction began. */
export async function wallClockTime(manager: EntityManager): Promise<Date> {
  const [{ now }]: Array<{ now: Date }> = await manager.query(`SELECT clock_timestamp() AS now`);
  return now;
}

/** The name of the unique constraint a failed insert violated, if that was the failure. */
export function uniqueViolation(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' ? driverError.constraint : undefined;
}

// Data sources whose hot path may use named prepared statements (DATABASE_PREPARED_STATEMENTS).
const namedStatements = new WeakMap<DataSource, boolean>();

/** Says whether `dataSource` may use named prepared statements (false behind PgBouncer in transaction mode). */
export function allowNamedStatements(dataSource: DataSource, allowed: boolean): void {
  namedStatements.set(dataSource, allowed);
}

/** True unless the configuration forbade named prepared statements on this data source. */
export function namedStatementsAllowed(dataSource: DataSource): boolean {
  return namedStatements.get(dataSource) !== false;
}

/** Error codes that mean "a server we need is not there right now", not a fault of the request or the code. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
// PostgreSQL: connection exceptions (class 08), shutting down or starting up (57P01–57P03), and a
// standby refusing writes (25006: read_only_sql_transaction, e.g. after a failover).
const POSTGRES_CODES = /^(08\d{3}|57P0[123]|25006)$/;
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Connection is not established|terminating connection/i;

/**
 * True when `error` says a database (or another server we depend on) is unreachable, shutting
 * down or read-only: the caller should try again shortly (503), nothing is wrong with the request.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; driverError?: unknown };
  const driver = (e.driverError ?? {}) as { code?: unknown; message?: unknown };
  const codes = [e.code, driver.code].filter((c): c is string => typeof c === 'string');
  if (codes.some((c) => NETWORK_CODES.has(c) || POSTGRES_CODES.test(c))) return true;
  return [e.message, driver.message].some((m) => typeof m === 'string' && MESSAGES.test(m));
}

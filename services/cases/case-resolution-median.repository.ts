import type { Db } from '../shared/database';

/**
 * The median of `ended_at - started_at` over the resolved cases per unit and JRWA class in the
 * 365 days before the parameter `now` (read through the partial index cases_resolved_by_class).
 */
const mediansSql = (now: string) => `
  SELECT unit_id, jrwa_symbol,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - started_at)) AS median_seconds,
         count(*)::int AS sample_size
    FROM cases
   WHERE status = 'resolved' AND ended_at > ${now}::timestamptz - interval '365 days' AND ended_at <= ${now}::timestamptz`;

const UPSERT = `
  ON CONFLICT (unit_id, jrwa_symbol)
  DO UPDATE SET median_seconds = EXCLUDED.median_seconds, sample_size = EXCLUDED.sample_size, refreshed_at = EXCLUDED.refreshed_at`;

/** Recomputes the median duration of one unit's resolved cases of one JRWA class (on a resolution). */
export async function refreshResolutionMedian(db: Db, unitId: string, jrwaSymbol: string, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO case_resolution_medians (unit_id, jrwa_symbol, median_seconds, sample_size, refreshed_at)
     SELECT $1::uuid, $2::text, m.median_seconds, COALESCE(m.sample_size, 0), $3
       FROM (SELECT 1) one
       LEFT JOIN (${mediansSql('$3')} AND unit_id = $1 AND jrwa_symbol = $2 GROUP BY unit_id, jrwa_symbol) m ON true
     ${UPSERT}`,
    [unitId, jrwaSymbol, now],
  );
}

/**
 * Recomputes every median (the daily scan): the 365-day window moves on even when nothing is
 * resolved, so old cases drop out; a class with none left keeps a row with no median.
 */
export async function refreshAllResolutionMedians(db: Db, now: Date): Promise<void> {
  await db.query(
    `WITH fresh AS (${mediansSql('$1')} GROUP BY unit_id, jrwa_symbol),
          gone AS (UPDATE case_resolution_medians m SET median_seconds = NULL, sample_size = 0, refreshed_at = $1
                    WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.unit_id = m.unit_id AND f.jrwa_symbol = m.jrwa_symbol))
     INSERT INTO case_resolution_medians (unit_id, jrwa_symbol, median_seconds, sample_size, refreshed_at)
     SELECT unit_id, jrwa_symbol, median_seconds, sample_size, $1 FROM fresh
     ${UPSERT}`,
    [now],
  );
}

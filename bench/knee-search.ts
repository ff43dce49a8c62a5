/** One step of the knee search: a rate held for a while, and whether the service held it. */
export interface KneeStep {
  rate: number;
  held: boolean;
  p99Ms: number;
  sent: number;
  answered: number;
}

/** How the search moves: coarse steps until it brackets the knee, then fine ones from below. */
export interface KneeSearchOptions {
  /** Factor of the coarse steps (up from a held rate, down from a failed one). */
  coarse: number;
  /** Factor of the fine steps: the contract's "steps of at most 10 %". */
  fine: number;
  /** Bounds the whole search (each step holds its rate for 10 s). */
  maxSteps: number;
  /** Below this rate the search gives up (the service holds nothing worth a number). */
  minRate: number;
}

export const KNEE_SEARCH: KneeSearchOptions = { coarse: 1.4, fine: 1.1, maxSteps: 12, minRate: 10 };

/** A rate rounded to 10 requests a second (never below 10). */
export function roundRate(rate: number): number {
  return Math.max(10, Math.round(rate / 10) * 10);
}

/** The e2e rate: `--rate` when given, else a tenth of the hello-world ceiling, rounded to 10. */
export function e2eRate(expressHelloRps: number, given?: number): number {
  return given !== undefined && Number.isFinite(given) && given > 0 ? given : roundRate(expressHelloRps / 10);
}

/**
 * The next rate to try after `steps`, or null when the search is over. Coarse steps (×1.4 up
 * while held, ÷1.4 down while failed) find a held rate below a failed one; fine steps (×1.1)
 * then climb from the highest held rate until the next one would reach the lowest failed rate.
 * So the answer is within 10 % of the real knee, and the search is bounded by `maxSteps`.
 */
export function nextKneeRate(steps: readonly KneeStep[], start: number, o: KneeSearchOptions = KNEE_SEARCH): number | null {
  if (steps.length === 0) return roundRate(start);
  if (steps.length >= o.maxSteps) return null;
  const held = steps.filter((s) => s.held).map((s) => s.rate);
  const failed = steps.filter((s) => !s.held).map((s) => s.rate);
  const best = held.length ? Math.max(...held) : null;
  const lowestFail = failed.length ? Math.min(...failed.filter((r) => best === null || r > best)) : Infinity;
  // Knee rates are whole requests a second, not on the grid of 10: at low rates a step of 10
  // would be more than 10 %.
  if (best === null) {
    const down = Math.round(Math.min(...failed) / o.coarse);
    return down < o.minRate || down >= Math.min(...failed) ? null : down;
  }
  if (lowestFail === Infinity) return Math.max(Math.round(best * o.coarse), best + 1);
  // Bracketed: one fine step up from the best held rate (at most 10 % above it), unless that
  // reaches the lowest failed rate: then the knee is known to within 10 %.
  const up = Math.floor(best * o.fine);
  return up <= best || up >= lowestFail ? null : up;
}

/** The knee: the highest rate held, or 0 when none was. */
export function kneeOf(steps: readonly KneeStep[]): number {
  return steps.filter((s) => s.held).reduce((max, s) => Math.max(max, s.rate), 0);
}

/**
 * Writes at most one line per interval for an error that repeats: the first at once, then the
 * next one after `intervalMs` with how many were held back meanwhile. A worker whose Redis
 * refuses every command would otherwise write a line per attempt, thousands a second.
 */
export class ThrottledLog {
  private lastWrittenAt = Number.NEGATIVE_INFINITY;
  private heldBack = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly write: (error: unknown, heldBack: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes this error, or counts it when a line was written less than an interval ago. */
  report(error: unknown): void {
    const now = this.now();
    if (now - this.lastWrittenAt < this.intervalMs) {
      this.heldBack += 1;
      return;
    }
    this.write(error, this.heldBack);
    this.heldBack = 0;
    this.lastWrittenAt = now;
  }
}

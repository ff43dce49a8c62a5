import type { EntityManager } from 'typeorm';
import { AppError } from '../shared/app-error';
import { consumeOrThrow, type RateLimits } from '../shared/rate-limits';
import { lockedStoredBytes } from './submission.repository';

/** What one account may keep in files over all its submissions and replies. */
export const STORAGE_QUOTA_BYTES = 50 * 1024 * 1024;

const MIB = 1024 * 1024;
const mib = (bytes: number) => (bytes / MIB).toLocaleString('pl-PL', { maximumFractionDigits: 1 });

/**
 * Counts one submission or reply against the account's hourly allowance (`RATE_LIMIT_SUBMISSIONS`);
 * 429 past it. Returns the refund to call when the document is then not accepted after all, so
 * that a refused letter does not use up the allowance. The reply code calls this too: the limit
 * is one for both.
 */
export async function chargeSubmissionAllowance(rateLimits: RateLimits, userId: string): Promise<() => Promise<void>> {
  try {
    await consumeOrThrow(rateLimits.submissions, userId);
  } catch (error) {
    if (error instanceof AppError && error.status === 429) {
      throw AppError.tooManyRequests(
        Number(error.headers['Retry-After']),
        'Wysłano już najwięcej pism, ile można w ciągu godziny. Spróbuj ponownie później; pismo nie zostało wysłane.',
      );
    }
    throw error;
  }
  return async () => {
    await rateLimits.submissions.reward(userId, 1).catch(() => undefined); // a lost refund only makes the limit stricter
  };
}

/**
 * Runs `accept` (storing a submission or a reply) within the account's hourly allowance: the
 * allowance is charged first and refunded when the document is refused after all.
 */
export async function withinSubmissionAllowance<T>(rateLimits: RateLimits, userId: string, accept: () => Promise<T>): Promise<T> {
  const refund = await chargeSubmissionAllowance(rateLimits, userId);
  try {
    return await accept();
  } catch (error) {
    await refund();
    throw error;
  }
}

/**
 * Refuses (413 `storage_quota_exceeded`, on the attachments field) files that would take the
 * account past STORAGE_QUOTA_BYTES. Inside the caller's transaction: the account's quota stays
 * locked until it ends, so submissions sent at once are counted one after the other.
 */
export async function assertStorageQuota(manager: EntityManager, userId: string, newBytes: number): Promise<void> {
  if (newBytes === 0) return;
  const stored = await lockedStoredBytes(manager, userId);
  if (stored + newBytes <= STORAGE_QUOTA_BYTES) return;
  const left = Math.max(0, STORAGE_QUOTA_BYTES - stored);
  throw new AppError(
    413,
    'storage_quota_exceeded',
    'Brak miejsca na załączniki',
    `Na Twoim koncie można przechowywać najwyżej ${mib(STORAGE_QUOTA_BYTES)} MiB załączników. Zostało ${mib(left)} MiB, a te pliki mają ${mib(newBytes)} MiB. Wyślij pismo bez załączników lub z mniejszymi plikami albo złóż dokumenty w kancelarii urzędu.`,
    undefined,
    {},
    'attachments',
  );
}

/**
 * True when `work` resolved within `ms`; false when it failed or the time ran out first (it
 * is not cancelled: the caller forces what it waited for).
 */
export async function resolvesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true, () => false), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

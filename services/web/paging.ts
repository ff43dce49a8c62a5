/** Rows on one page of a list (the inbox, the office's cases). */
export const PAGE_SIZE = 20;

/** One page of a list: its number, and the rows it holds. */
export interface Page {
  page: number;
  limit: number;
  offset: number;
}

/** The page a `strona` query value asks for: 1 when missing or no number, at most 10 000. */
export function pageOf(strona: unknown): Page {
  const page = Math.max(1, Math.min(10_000, Number.parseInt(String(strona ?? '1'), 10) || 1));
  return { page, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
}

/** How many pages `total` rows fill: at least one (an empty list is one empty page). */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

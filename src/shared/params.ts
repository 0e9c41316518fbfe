// Reading ids and page numbers from the URL, and paging a list: one way for
// every feature. Anything that is not a plain positive integer is a page that
// does not exist (404), never a 500 or a query on NaN.
import type { Ctx } from "./context.ts";
import { NotFound } from "./errors.ts";

/** A path parameter (`:id` by default) as a positive integer; 404 otherwise. */
export function idParam(c: Ctx, name = "id"): number {
  const raw = c.req.param(name) ?? "";
  if (!/^\d{1,9}$/.test(raw) || Number(raw) === 0) throw new NotFound(name);
  return Number(raw);
}

/** ?page=N, 1 when missing or nonsense; never beyond what a person could page to. */
export function pageParam(c: Ctx): number {
  const raw = c.req.query("page") ?? "";
  return /^\d{1,4}$/.test(raw) && Number(raw) > 0 ? Number(raw) : 1;
}

/** How many pages `total` rows make, `size` a page (at least 1, so an empty list has a page). */
export const pagesFor = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

/**
 * One page of a list and the number of pages: the rows query (given the
 * limit and offset) and the count run side by side. The page asked for is
 * kept within the list, so a stale "page=9" after deletions shows the last one.
 */
export async function pageOf<T>(
  page: number,
  size: number,
  rows: (limit: number, offset: number) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<{ rows: T[]; total: number; page: number; pages: number }> {
  const [items, total] = await Promise.all([rows(size, (page - 1) * size), count()]);
  return { rows: items, total, page, pages: pagesFor(total, size) };
}

/**
 * One page of rows and the total, queried side by side: `rows` is the list
 * query without its limit (ordered), `total` a `{ n: count() }` query with the
 * same conditions.
 */
export async function pageQuery<T>(
  rows: { limit(n: number): { offset(n: number): PromiseLike<T[]> } },
  total: PromiseLike<{ n: number }[]>,
  page: number,
  size: number,
): Promise<{ rows: T[]; total: number }> {
  const [items, [{ n }]] = await Promise.all([rows.limit(size).offset((page - 1) * size), total]);
  return { rows: items, total: n };
}

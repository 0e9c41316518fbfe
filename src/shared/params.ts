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


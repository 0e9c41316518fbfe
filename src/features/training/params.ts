// Reading ids and page numbers from the URL: anything that is not a plain
// positive integer is a page that does not exist.
import type { Ctx } from "../../shared/context.ts";
import { NotFound } from "../../shared/errors.ts";
import { chinaDate } from "../../shared/clock.ts";

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

export const pagesFor = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

export const todayOf = (c: Ctx) => chinaDate(c.var.deps.clock.now());

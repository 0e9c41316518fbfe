// Reading ids and page numbers from the URL: the shared readers (src/shared/params.ts).
import type { Ctx } from "../../shared/context.ts";
import { chinaDate } from "../../shared/clock.ts";
export { idParam, pageParam, pagesFor } from "../../shared/params.ts";

export const todayOf = (c: Ctx) => chinaDate(c.var.deps.clock.now());

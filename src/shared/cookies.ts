// The request's cookies, parsed once. hono's getCookie parses the whole Cookie
// header on every call, and a signed-in request asked five times (大字, the page
// cache, the fair share, the session, the shared copy): 3 % of a signed-in
// shared page's CPU in --cpu-prof (docs/performance.md, issue #20).
import { getCookie } from "hono/cookie";
import type { Ctx } from "./context.ts";

const parsed = new WeakMap<Request, Record<string, string>>();

/** Every cookie of this request, by name (the same object for every call during the request). */
export function cookiesOf(c: Ctx): Readonly<Record<string, string>> {
  let all = parsed.get(c.req.raw);
  if (!all) parsed.set(c.req.raw, (all = getCookie(c)));
  return all;
}

/** One cookie of this request, or undefined. */
export const cookieOf = (c: Ctx, name: string): string | undefined => cookiesOf(c)[name];

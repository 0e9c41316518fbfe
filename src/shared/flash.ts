// A one-line message carried across POST → 303 → GET in a short-lived cookie,
// shown once by the layout and then cleared.
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import type { Ctx } from "./context.ts";

const NAME = "flash";

export function flash(c: Ctx, message: string): void {
  // Secure over HTTPS: a message can name the person just helped at the desk.
  // Cut by code points, not UTF-16 units: half an emoji would make encodeURIComponent throw.
  setCookie(c, NAME, encodeURIComponent(Array.from(message).slice(0, 200).join("").replace(/[\ud800-\udfff]/g, "\ufffd")), { path: "/", httpOnly: true, sameSite: "Lax", maxAge: 120, secure: c.get("deps").config.https });
}

export function takeFlash(c: Ctx): string | null {
  const raw = getCookie(c, NAME);
  if (!raw) return null;
  deleteCookie(c, NAME, { path: "/", secure: c.get("deps").config.https });
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** POST → 303 → GET, with an optional message for the next page. */
export function redirectWithFlash(c: Ctx, to: string, message?: string): Response {
  if (message) flash(c, message);
  return c.redirect(to, 303);
}

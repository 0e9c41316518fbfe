// Reading a code the way the person gets it: from the SMS outbox.
import { and, desc, eq } from "drizzle-orm";
import { smsOutbox } from "../../db/schema/index.ts";
import type { Browser, TestApp } from "./app.ts";

/**
 * The newest code texted to this number, or null: from the outbox while the
 * text waits to go out, else from what the phone received (the test app's
 * sender) — a code's parameters are blanked in the outbox once it is sent.
 */
export async function lastCode(t: TestApp, phone: string): Promise<string | null> {
  const [row] = await t.db
    .select({ params: smsOutbox.params })
    .from(smsOutbox)
    .where(and(eq(smsOutbox.toPhone, phone), eq(smsOutbox.template, "verifyCode")))
    .orderBy(desc(smsOutbox.id))
    .limit(1);
  if (!row) return null;
  const pending = (JSON.parse(row.params) as { code?: string }).code;
  if (pending) return pending;
  const received = t.sms.filter((m) => m.to === phone).at(-1);
  return received?.body.match(/(\d{6})/)?.[1] ?? null;
}

/** After a form answered 303 to the code page: opens it and types the code from the text. Returns the code page's path. */
export async function enterCode(t: TestApp, b: Browser, phone: string) {
  const page = b.last.location;
  if (b.last.status !== 303 || !page?.startsWith("/phone/")) throw new Error(`expected a 303 to the code page, got ${b.last.status} ${page}`);
  await b.get(page);
  const code = await lastCode(t, phone);
  if (!code) throw new Error("no code texted");
  await b.post(page, { code });
  return page;
}

/** Like enterCode, but only when the last answer went to a code page (forms that may refuse first). */
export async function codeIfAsked(t: TestApp, b: Browser, phone: string) {
  if (b.last.status === 303 && b.last.location?.startsWith("/phone/")) await enterCode(t, b, phone);
  return b.last;
}

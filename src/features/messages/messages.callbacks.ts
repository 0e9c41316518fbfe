// Providers' delivery receipts (回执), posted to /api/sms/<token>/<provider>/report.
// Neither Aliyun (SmsReport, HTTP 批量推送) nor Tencent (短信下发状态通知)
// signs its callbacks; each documents only the URL you configure (Tencent also
// publishes the addresses it calls from). So the URL itself carries a secret,
// SMS_CALLBACK_TOKEN, compared in constant time: without it every callback is
// 404, as for any unknown path. A receipt also changes only a row that we sent
// through that provider, with that provider's id, to that number.
import { Hono } from "hono";
import { logOf, type AppEnv, type Ctx, type Deps } from "../../shared/context.ts";
import { safeEqual } from "../../shared/crypto.ts";
import { NotFound } from "../../shared/errors.ts";
import { paths } from "../../paths.ts";
import { smsSettings } from "./messages.providers.ts";
import { applyReceipts, type Receipt } from "./messages.repo.ts";

export type Provider = "aliyun" | "tencent";

/** The provider a callback URL names, if its token is right and that provider is the one configured. */
export function callbackProvider(c: Ctx): Provider {
  const deps = c.var.deps;
  const s = smsSettings(deps.config.env ?? {});
  const token = c.req.param("token") ?? "";
  const provider = c.req.param("provider");
  if (!s.callbackToken || !safeEqual(token, s.callbackToken)) throw new NotFound("sms callback");
  if (provider !== s.provider || (provider !== "aliyun" && provider !== "tencent")) throw new NotFound("sms callback");
  return provider;
}

/** The JSON a provider posted, or null (answered as its docs ask, so it retries only real failures). */
export async function callbackJson(c: Ctx): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text());
  } catch {
    return null;
  }
}

/** The answer each provider's docs require for "received". */
export const received = (c: Ctx, provider: Provider) =>
  provider === "aliyun" ? c.json({ code: 0, msg: "接收成功" }) : c.json({ result: 0, errmsg: "OK" });
/** "Not accepted, send again" (Aliyun retries on a non-200; Tencent on result ≠ 0). */
export const notAccepted = (c: Ctx, provider: Provider) =>
  provider === "aliyun" ? c.json({ code: 1, msg: "格式错误" }, 400) : c.json({ result: 1, errmsg: "bad request" }, 400);

const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
const phoneOf = (v: unknown) => str(v).replace(/^\+?86/, "").replace(/\D/g, "");

/** Aliyun SmsReport items or Tencent status items, as receipts. */
export function parseReceipts(provider: Provider, body: unknown): Receipt[] | null {
  if (!Array.isArray(body) || body.length > 1000) return null;
  const out: Receipt[] = [];
  for (const item of body) {
    if (!item || typeof item !== "object") return null;
    const r = item as Record<string, unknown>;
    if (provider === "aliyun") {
      const id = str(r.biz_id);
      if (!id) return null;
      out.push({ providerId: id, phone: phoneOf(r.phone_number), delivered: r.success === true || r.success === "true", error: str(r.err_code) || str(r.err_msg) });
    } else {
      const id = str(r.sid);
      if (!id) return null;
      out.push({ providerId: id, phone: phoneOf(r.mobile), delivered: str(r.report_status) === "SUCCESS", error: str(r.errmsg) || str(r.description) });
    }
  }
  return out;
}

export async function receiveReceipts(deps: Deps, provider: Provider, receipts: Receipt[]): Promise<number> {
  if (!receipts.length) return 0;
  return deps.database.write((db) => applyReceipts(db, provider, receipts, deps.clock.now()), { pages: false });
}

export function callbackRoutes() {
  const app = new Hono<AppEnv>();
  app.post(paths.messages.receiptPattern, async (c) => {
    const provider = callbackProvider(c);
    const receipts = parseReceipts(provider, await callbackJson(c));
    if (!receipts) return notAccepted(c, provider);
    const n = await receiveReceipts(c.var.deps, provider, receipts);
    logOf(c).info("sms receipts", { provider, received: receipts.length, matched: n });
    return received(c, provider);
  });
  return app;
}

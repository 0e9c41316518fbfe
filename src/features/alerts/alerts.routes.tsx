/** @jsxImportSource hono/jsx */
// SMS job alerts: the desk page (staff for the worker in front of them), the
// worker's own page, and the providers' inbound (上行) callback for replies.
import { Hono } from "hono";
import * as v from "valibot";
import { logOf, type AppEnv, type Ctx, type CurrentUser, type Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { requireRole } from "../../shared/authz.ts";
import { readForm, check, int, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { maskPhone } from "../../shared/validators.ts";
import { sha256 } from "../../shared/crypto.ts";
import { copy } from "../../../views/copy/index.ts";
import { AlertsPage } from "../../../views/alerts/alerts.tsx";
import { at } from "../../../views/desk/bits.tsx";
import { workerDesk } from "../desk/index.ts";
import { callbackProvider, callbackJson, received, notAccepted, type Provider } from "../messages/index.ts";
import { workKinds } from "../../../db/schema/index.ts";
import { subscribe, unsubscribe, alertWhat, handleReply } from "./alerts.actions.ts";
import * as repo from "./alerts.repo.ts";

const t = copy.alerts;

const AlertForm = v.object({
  kindId: v.optional(int(t.kind, 1, 1_000_000)),
  countyCode: v.string(copy.errors.invalidChoice(t.county)),
  townshipCode: v.optional(v.string()),
});

async function kindOptions(deps: Deps) {
  const rows = await deps.database.db.select({ id: workKinds.id, name: workKinds.name }).from(workKinds).orderBy(workKinds.sort, workKinds.id);
  return rows.map((r) => [String(r.id), r.name] as const);
}

/** The form checked against the region data: a real county, a township in it, a kind that exists. */
async function readAlert(c: Ctx, input: FormInput): Promise<{ ok: true; value: { kindId: number | null; countyCode: string; townshipCode: string | null } } | { ok: false; errors: FormErrors }> {
  const { regions } = c.var.deps;
  const form = check(AlertForm, input);
  if (!form.ok) return form;
  const f = form.value;
  if (!regions.countyNames.has(f.countyCode)) return { ok: false, errors: { countyCode: copy.errors.invalidChoice(t.county) } };
  if (f.townshipCode && !regions.townshipInCounty(f.townshipCode, f.countyCode)) return { ok: false, errors: { townshipCode: t.townshipNotInCounty } };
  if (f.kindId !== undefined && !(await kindOptions(c.var.deps)).some(([id]) => id === String(f.kindId))) return { ok: false, errors: { kindId: copy.errors.invalidChoice(t.kind) } };
  return { ok: true, value: { kindId: f.kindId ?? null, countyCode: f.countyCode, townshipCode: f.townshipCode ?? null } };
}

async function page(
  c: Ctx,
  o: { title: string; worker: { id: number; phone: string }; defaultCounty: string | null; action: string; stopAction: string; values?: FormInput; errors?: FormErrors; note?: string; back?: { href: string; label: string } },
  status: 200 | 400 | 422 = 200,
) {
  const deps = c.var.deps;
  const db = deps.database.db;
  const alert = await repo.alertOf(db, o.worker.id);
  const values = o.values ?? (alert ? { kindId: alert.kindId ? String(alert.kindId) : undefined, countyCode: alert.countyCode, townshipCode: alert.townshipCode ?? undefined } : { countyCode: o.defaultCounty ?? undefined });
  const county = typeof values.countyCode === "string" ? values.countyCode : undefined;
  c.status(status);
  return c.render(
    <AlertsPage
      title={o.title}
      current={alert ? await alertWhat(deps, db, alert) : null}
      phone={maskPhone(o.worker.phone)}
      stopped={await repo.isStopped(db, o.worker.phone)}
      action={o.action}
      stopAction={o.stopAction}
      kinds={await kindOptions(deps)}
      counties={deps.regions.countyOptions()}
      townships={deps.regions.townshipOptions(county)}
      values={values}
      errors={o.errors}
      note={o.note}
      back={o.back}
    />,
    { title: o.title },
  );
}

/** A worker's own alerts, only for a proven number: otherwise anyone could have texts sent daily to a stranger. */
async function proven(c: Ctx, user: CurrentUser) {
  const w = await repo.workerByPhone(c.var.deps.database.db, user.phone);
  return !!w && (w.verified !== null || w.vouched !== null);
}

export function alertsRoutes() {
  const app = new Hono<AppEnv>();

  // --- At the desk -----------------------------------------------------------------

  const deskPage = async (c: Ctx, values?: FormInput, errors?: FormErrors, status: 200 | 400 = 200) => {
    const d = await workerDesk(c);
    return page(
      c,
      {
        title: t.deskTitle(d.w.name),
        worker: { id: d.w.id, phone: d.w.phone },
        defaultCounty: d.w.scopeCounty ?? d.market.countyCode,
        action: at(d.m, paths.desk.alerts(d.w.id)),
        stopAction: at(d.m, paths.desk.alertsStop(d.w.id)),
        values,
        errors,
        note: t.vouchNote,
        back: { href: at(d.m, paths.desk.worker(d.w.id)), label: t.backToWorker(d.w.name) },
      },
      status,
    );
  };

  app.get(paths.desk.alertsPattern, (c) => deskPage(c));

  app.post(paths.desk.alertsPattern, async (c) => {
    const d = await workerDesk(c);
    const input = await readForm(c);
    const form = await readAlert(c, input);
    if (!form.ok) return deskPage(c, input, form.errors, 400);
    await subscribe(c.var.deps, d.user, { id: d.w.id, phone: d.w.phone }, form.value, true);
    return redirectWithFlash(c, at(d.m, paths.desk.worker(d.w.id)), t.savedDesk(d.w.name));
  });

  app.post(paths.desk.alertsStopPattern, async (c) => {
    const d = await workerDesk(c);
    await unsubscribe(c.var.deps, d.user, d.w.id, true);
    return redirectWithFlash(c, at(d.m, paths.desk.alerts(d.w.id)), t.stopped);
  });

  // --- The worker's own ------------------------------------------------------------

  const minePage = async (c: Ctx, user: CurrentUser, values?: FormInput, errors?: FormErrors, status: 200 | 400 | 422 = 200) =>
    page(c, { title: t.title, worker: { id: user.id, phone: user.phone }, defaultCounty: user.countyCode, action: paths.alerts.mine, stopAction: paths.alerts.mineStop, values, errors }, status);

  app.get(paths.alerts.mine, async (c) => minePage(c, requireRole(c, "worker")));

  app.post(paths.alerts.mine, async (c) => {
    const user = requireRole(c, "worker");
    const input = await readForm(c);
    if (!(await proven(c, user))) return minePage(c, user, input, { _form: t.unproven }, 422);
    const form = await readAlert(c, input);
    if (!form.ok) return minePage(c, user, input, form.errors, 400);
    await subscribe(c.var.deps, user, { id: user.id, phone: user.phone }, form.value, false);
    return redirectWithFlash(c, paths.alerts.mine, t.saved);
  });

  app.post(paths.alerts.mineStop, async (c) => {
    const user = requireRole(c, "worker");
    await unsubscribe(c.var.deps, user, user.id, false);
    return redirectWithFlash(c, paths.alerts.mine, t.stopped);
  });

  // --- Replies (上行) from the provider ---------------------------------------------

  app.post(paths.messages.replyPattern, async (c) => {
    const provider = callbackProvider(c);
    const items = parseReplies(provider, await callbackJson(c));
    if (!items) return notAccepted(c, provider);
    for (const r of items) {
      const outcome = await handleReply(c.var.deps, { provider, ...r });
      logOf(c).info("sms reply", { provider, outcome });
    }
    return received(c, provider);
  });

  return app;
}

const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

/**
 * Aliyun SmsUp posts a JSON array of {phone_number, content, sequence_id, …};
 * Tencent's reply callback posts one object {mobile, nationcode, text, time, …}.
 * The provider's id for a reply (Aliyun sequence_id; Tencent has none, so
 * number, time and text) makes a repeated push count once.
 */
export function parseReplies(provider: Provider, body: unknown): { extId: string; phone: string; content: string }[] | null {
  const list = provider === "aliyun" ? body : body && typeof body === "object" && !Array.isArray(body) ? [body] : null;
  if (!Array.isArray(list) || list.length > 1000) return null;
  const out = [];
  for (const item of list) {
    if (!item || typeof item !== "object") return null;
    const r = item as Record<string, unknown>;
    const phone = str(provider === "aliyun" ? r.phone_number : r.mobile).replace(/^\+?86/, "").replace(/\D/g, "");
    const content = str(provider === "aliyun" ? r.content : r.text);
    if (!/^1\d{10}$/.test(phone)) return null;
    const extId = provider === "aliyun" ? str(r.sequence_id) || sha256(`${phone}|${str(r.send_time)}|${content}`) : sha256(`${phone}|${str(r.time)}|${content}`);
    out.push({ extId, phone, content });
  }
  return out;
}

/** @jsxImportSource hono/jsx */
// One worker at the desk: her page, the full ID number shown once (logged),
// login help (unlock, a new PIN she types), a code to her own phone, consents
// for the sensitive priority categories, and the contact log.
import type { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check } from "../../shared/forms.ts";
import { ensure, canVerifyAndReveal } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { copy } from "../../../views/copy/index.ts";
import { startProof, definePurpose, outcome as phoneOutcome } from "../phone/index.ts";
import { PinForm, ConsentForm, ContactForm } from "./desk.schema.ts";
import { canSeeSensitive } from "./desk.domain.ts";
import { workerDesk, workerHref } from "./desk.scope.ts";
import { workerPage } from "./desk.pages.tsx";
import * as actions from "./desk.actions.ts";
import * as repo from "./desk.repo.ts";

const t = copy.desk;

/** After the code she read from her phone matched: recorded, and back to her page at the desk. */
definePurpose<{ workerId: number; suffix: string }>("deskVerify", {
  title: copy.phone.deskSend,
  back: (x) => paths.desk.worker(x.workerId) + x.suffix,
  complete: async (c, p) => {
    const staff = c.var.user;
    if (!staff || staff.id !== p.staffId) return phoneOutcome(c, copy.phone.deskVerified);
    const deps = c.var.deps;
    await deps.database.write((db) =>
      auditInsert(db, staff, deps.clock.now(), { action: "desk.phone_verified", subjectType: "user", subjectId: p.payload.workerId, onBehalfOf: p.payload.workerId }),
    );
    return redirectWithFlash(c, paths.desk.worker(p.payload.workerId) + p.payload.suffix, copy.phone.deskVerified);
  },
});

export function workerRoutes(app: Hono<AppEnv>) {
  app.get(paths.desk.workerPattern, async (c) => workerPage(c, await workerDesk(c)));

  // Showing the full ID number is a logged act; the answer shows it once and is not cached.
  app.post(paths.desk.revealPattern, async (c) => {
    const d = await workerDesk(c);
    ensure(canVerifyAndReveal(d.user));
    if (!d.w.idNumber) throw new NotFound("no id number");
    const deps = c.var.deps;
    await deps.database.write((db) =>
      auditInsert(db, d.user, deps.clock.now(), { action: "reveal.id_number", subjectType: "user", subjectId: d.w.id, onBehalfOf: d.w.id }),
    );
    return workerPage(c, d, { revealed: d.w.idNumber });
  });

  // --- Login help: unlock and a new PIN typed by the worker -----------------------------------

  app.post(paths.desk.unlockPattern, async (c) => {
    const d = await workerDesk(c);
    await actions.unlock(c.var.deps, d, d.w);
    return redirectWithFlash(c, workerHref(d, d.w.id), t.unlocked(d.w.name));
  });

  app.post(paths.desk.pinPattern, async (c) => {
    const d = await workerDesk(c);
    const form = check(PinForm, await readForm(c));
    if (!form.ok) return workerPage(c, d, { form: "pin", errors: form.errors }, 400);
    const r = await actions.resetPin(c.var.deps, d, d.w, form.value.pin);
    if (!r.ok) return workerPage(c, d, { form: "pin", errors: { pin: r.message } }, 400);
    return redirectWithFlash(c, workerHref(d, d.w.id), t.pinSet(d.w.name));
  });

  // --- A code to the worker's own phone, when she has it with her ------------------------------

  app.post(paths.phone.deskVerifyPattern, async (c) => {
    const d = await workerDesk(c);
    const r = await startProof(c, { purpose: "deskVerify", phone: d.w.phone, payload: { workerId: d.w.id, suffix: d.m.suffix }, staffId: d.user.id });
    if (!r.ok) return redirectWithFlash(c, workerHref(d, d.w.id), r.message);
    return c.redirect(r.location, 303);
  });

  // --- Priority: consents for the sensitive categories, contacts -----------------------------

  app.post(paths.desk.consentPattern, async (c) => {
    const d = await workerDesk(c);
    ensure(canSeeSensitive(d.user, d.w.scopeCounty), "sensitive");
    const deps = c.var.deps;
    const input = await readForm(c, ["categories"]);
    const form = check(ConsentForm, input);
    if (!form.ok) return workerPage(c, d, { form: "consent", values: input, errors: form.errors }, 400);
    const now = deps.clock.now();
    const rows = [...new Set(form.value.categories)].map((category) => ({
      workerId: d.w.id,
      category,
      consentText: t.consentText[category],
      consentedAt: now,
      recordedBy: d.user.id,
      marketId: d.market.id,
    }));
    // The audit entry names no category: it outlives the data if the worker asks to delete it.
    await deps.database.write((db) =>
      db.batch([repo.insertConsents(db, rows), auditInsert(db, d.user, now, { action: "desk.priority_consent", subjectType: "user", subjectId: d.w.id, onBehalfOf: d.w.id })]),
    );
    return redirectWithFlash(c, workerHref(d, d.w.id), t.consentSaved);
  });

  app.post(paths.desk.consentRemovePattern, async (c) => {
    const d = await workerDesk(c);
    ensure(canSeeSensitive(d.user, d.w.scopeCounty), "sensitive");
    const deps = c.var.deps;
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([repo.deleteConsents(db, d.w.id), auditInsert(db, d.user, now, { action: "desk.priority_consent_removed", subjectType: "user", subjectId: d.w.id, onBehalfOf: d.w.id })]),
    );
    return redirectWithFlash(c, workerHref(d, d.w.id), t.consentRemoved);
  });

  app.post(paths.desk.contactPattern, async (c) => {
    const d = await workerDesk(c);
    const deps = c.var.deps;
    const input = await readForm(c);
    const form = check(ContactForm, input);
    if (!form.ok) return workerPage(c, d, { form: "contact", values: input, errors: form.errors }, 400);
    const f = form.value;
    if (f.postingId !== undefined) {
      const p = await repo.findOpenPosting(deps.database.db, f.postingId);
      if (!p || p.countyCode !== d.market.countyCode) return workerPage(c, d, { form: "contact", values: input, errors: { postingId: t.unknownPosting } }, 422);
    }
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([
        repo.insertContact(db, { workerId: d.w.id, postingId: f.postingId ?? null, outcome: f.outcome, note: f.note, at: now, staffId: d.user.id, marketId: d.market.id }),
        auditInsert(db, d.user, now, { action: "desk.contact", subjectType: "user", subjectId: d.w.id, onBehalfOf: d.w.id, detail: { outcome: f.outcome } }),
      ]),
    );
    return redirectWithFlash(c, workerHref(d, d.w.id), t.contactSaved);
  });
}

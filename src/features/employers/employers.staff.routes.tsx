/** @jsxImportSource hono/jsx */
// Staff: the employer verification queue (审核), one record, showing a full
// ID number, and the decisions. The use cases are in employers.actions.ts.
import type { Hono } from "hono";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireStaff, ensure, canVerifyAndReveal } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { flagsFor } from "../../shared/hooks.ts";
import { NotFound } from "../../shared/errors.ts";
import { idParam, pagesFor } from "../../shared/params.ts";
import { verificationStatuses, type VerificationStatus } from "../../../db/schema/constants.ts";
import { copy } from "../../../views/copy/index.ts";
import { QueuePage, EmployerDetailPage } from "../../../views/employers/staff.tsx";
import { pageNumber, type Decision } from "./employers.domain.ts";
import * as repo from "./employers.repo.ts";
import { employerInScope, revealIdNumber, decideEmployer, type EmployerRecord } from "./employers.actions.ts";

const t = copy.employers;
const PER_PAGE = 20;

/** Employers a staff member may see: their market's county; the city admin every county. */
export const scopeOf = (user: CurrentUser) => (user.role === "city_admin" ? null : user.scopeCounty ?? "");

/** The record, if this staff member may see it; otherwise 404 (as if it did not exist). */
async function recordInScope(c: Ctx) {
  const user = requireStaff(c);
  const rec = await employerInScope(c.var.deps, user, idParam(c));
  ensure(!!rec);
  return { user, rec };
}

async function detailPage(c: Ctx, rec: EmployerRecord, extra: { revealed?: string; values?: FormInput; errors?: FormErrors; message?: string } = {}, status: 200 | 400 | 409 = 200) {
  const deps = c.var.deps;
  const flags = await flagsFor(deps, [rec.employer.id]);
  c.status(status);
  const e = rec.employer;
  return c.render(
    <EmployerDetailPage
      e={{ ...e, county: deps.regions.countyName(e.countyCode), reviewerName: rec.reviewerName, viaName: rec.viaName }}
      flags={flags.get(e.id) ?? []}
      stationOnly={!!c.var.user && !canVerifyAndReveal(c.var.user)}
      {...extra}
    />,
    { title: t.detailTitle(e.name) },
  );
}

async function decision(c: Ctx, d: Decision) {
  const { user, rec } = await recordInScope(c);
  // Station staff get a 404 before the form is read.
  ensure(canVerifyAndReveal(user));
  const input = d === "reject" ? await readForm(c) : {};
  const r = await decideEmployer(c.var.deps, user, rec, d, input);
  if (r.ok) return redirectWithFlash(c, paths.employers.show(rec.employer.id), r.to === "verified" ? t.verifiedDone(rec.employer.name) : t.rejectedDone(rec.employer.name));
  ensure(r.code !== "notAllowed");
  if (r.code === "invalid") return detailPage(c, rec, { values: input, errors: r.errors }, 400);
  return detailPage(c, r.rec, { message: t.alreadyDecided }, 409);
}

export function staffRoutes(app: Hono<AppEnv>) {
  app.get(paths.employers.queue, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const q = readQuery(c);
    const status = (verificationStatuses as readonly string[]).includes(String(q.status)) ? (q.status as VerificationStatus) : undefined;
    const page = pageNumber(q.page);
    const { total, rows } = await repo.listQueue(deps.database.db, { county: scopeOf(user), status, page, perPage: PER_PAGE });
    const flags = await flagsFor(deps, rows.map((r) => r.id));
    return c.render(
      <QueuePage
        rows={rows.map((r) => ({ ...r, county: deps.regions.countyName(r.countyCode), flags: flags.get(r.id) ?? [] }))}
        total={total}
        status={status}
        page={page}
        pages={pagesFor(total, PER_PAGE)}
      />,
      { title: t.queueTitle },
    );
  });

  app.get(paths.employers.showPattern, async (c) => {
    const { rec } = await recordInScope(c);
    return detailPage(c, rec);
  });

  // Showing the full ID number is a logged act; the answer shows it once and is not cached.
  app.post(paths.employers.revealPattern, async (c) => {
    const { user, rec } = await recordInScope(c);
    const r = await revealIdNumber(c.var.deps, user, rec);
    ensure(r.ok || r.code !== "notAllowed");
    if (!r.ok) throw new NotFound("no id number");
    return detailPage(c, rec, { revealed: r.idNumber });
  });

  app.post(paths.employers.verifyPattern, (c) => decision(c, "verify"));
  app.post(paths.employers.rejectPattern, (c) => decision(c, "reject"));
}

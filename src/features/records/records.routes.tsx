/** @jsxImportSource hono/jsx */
// The record pages: an employer's public card, the employer's own record,
// 我的务工记录 and its print, and the check page a printed record's QR opens.
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { requireRole, requireStaff, ensure } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { idParam } from "../../shared/params.ts";
import { chinaDate } from "../../shared/clock.ts";
import { randomToken } from "../../shared/crypto.ts";
import { users } from "../../../db/schema/index.ts";
import { employerForUser } from "../employers/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { EmployerCardPage, EmployerOwnRecordPage } from "../../../views/records/employer.tsx";
import { WorkerRecordPage, WorkerRecordPrint, RecordCheckPage, type WorkerHire } from "../../../views/records/worker.tsx";
import { qrSvg } from "../../shared/qr.ts";
import { isDone, printSummary, yearWindowStart, type PrintSummary } from "./records.domain.ts";
import { employerRecordOf } from "./records.figures.ts";
import { rateTrend } from "./records.trend.ts";
import { RateTrendPage } from "../../../views/records/trend.tsx";
import * as repo from "./records.repo.ts";

const t = copy.records;

/** A worker's hires (not cancelled) as the record lists them, and their summary. */
async function workerRecord(c: Ctx, workerId: number) {
  const today = chinaDate(c.var.deps.clock.now());
  const all = await repo.workerHires(c.var.deps.database.db, workerId);
  const summary = printSummary(all, today);
  const done = all.filter((h) => isDone(h, today));
  const rows: WorkerHire[] = done.map((h) => ({
    id: h.id,
    title: h.title,
    // A private employer's name is a person's: the worker knows it; the print says 个人雇主 only when the name is missing.
    employer: h.employerName || t.privateEmployer,
    wageFen: h.wageFen,
    wageUnit: h.wageUnit,
    startDate: h.startDate,
    endDate: h.endDate,
    paid: h.paid,
  }));
  return { rows, summary, today };
}

/**
 * Issues the check code of a print (POST): printing the same record again on
 * the same day (a second copy, Back and resubmit) reuses the code instead of
 * adding one. Staff printing at the desk are in the audit log.
 */
export async function issueRecordPrint(c: Ctx, workerId: number, staff: CurrentUser | null): Promise<string> {
  const deps = c.var.deps;
  const issuedBy = staff?.id ?? null;
  const { summary, today } = await workerRecord(c, workerId);
  return deps.database.transaction(async (tx) => {
    const last = await repo.latestPrint(tx, workerId);
    if (last && chinaDate(last.issuedAt) === today && last.issuedBy === issuedBy && sameSummary(last.summary, summary)) return last.code;
    const fresh = randomToken(12);
    const now = deps.clock.now();
    await repo.insertPrint(tx, { code: fresh, workerId, issuedAt: now, issuedBy, summary });
    if (staff) await auditInsert(tx, staff, now, { action: "record.print", subjectType: "worker", subjectId: workerId, onBehalfOf: workerId });
    return fresh;
  });
}

/** Where the print of `code` is shown (GET): the print's own page with its code. */
export const printUrl = (base: string, code: string) => `${base}${base.includes("?") ? "&" : "?"}code=${encodeURIComponent(code)}`;

/**
 * The one-page print (GET) of a code issued for this worker; null when the
 * code is missing or not hers (the caller sends her back to the record).
 */
export async function renderRecordPrint(c: Ctx, worker: { id: number; name: string }, back: string) {
  const deps = c.var.deps;
  const code = c.req.query("code") ?? "";
  const print = /^[A-Za-z0-9_-]{8,40}$/.test(code) ? await repo.findPrint(deps.database.db, code) : null;
  if (!print || print.workerId !== worker.id) return null;
  const { rows } = await workerRecord(c, worker.id);
  const qr = await qrSvg(deps.config.publicUrl + paths.records.check(code));
  return c.render(
    <WorkerRecordPrint name={worker.name} rows={rows} summary={print.summary} issued={chinaDate(print.issuedAt)} code={code} qr={qr} back={back} />,
    { title: t.printTitle, bare: true },
  );
}

const sameSummary = (a: PrintSummary, b: PrintSummary) => JSON.stringify(a) === JSON.stringify(b);

export function recordsRoutes() {
  const app = new Hono<AppEnv>();

  // An employer's public card: verified employers only (the others have no public postings).
  app.get(paths.records.employerPattern, async (c) => {
    const deps = c.var.deps;
    const e = await repo.publicEmployer(deps.database.db, idParam(c));
    if (!e || e.status !== "verified") throw new NotFound("employer");
    const r = await employerRecordOf(deps, e.id);
    if (!r) throw new NotFound("employer");
    const jobs = await repo.openPostingsOf(deps.database.db, e.id, chinaDate(deps.clock.now()));
    // A private employer's name is a person's name: not on a public page.
    const name = e.kind === "private" ? t.privateEmployer : e.name;
    return c.render(<EmployerCardPage name={name} kind={e.kind} county={deps.regions.countyName(e.countyCode)} r={r} jobs={jobs} />, { title: name });
  });

  app.get(paths.records.employerMine, async (c) => {
    const user = requireRole(c, "employer");
    const deps = c.var.deps;
    const employer = await employerForUser(deps.database.db, user.id);
    if (!employer) return redirectWithFlash(c, paths.employers.edit, copy.jobs.needEmployer);
    const r = (await employerRecordOf(deps, employer.id))!;
    const rows = await repo.employerCountedHires(deps.database.db, employer.id, yearWindowStart(r.to), r.to);
    return c.render(<EmployerOwnRecordPage r={r} rows={rows} cardHref={paths.records.employer(employer.id)} />, { title: t.mineTitle });
  });

  app.get(paths.records.mine, async (c) => {
    const user = requireRole(c, "worker");
    const { rows, summary } = await workerRecord(c, user.id);
    return c.render(<WorkerRecordPage rows={rows} summary={summary} printHref={paths.records.minePrint} />, { title: t.workerTitle });
  });

  app.post(paths.records.minePrint, async (c) => {
    const user = requireRole(c, "worker");
    const code = await issueRecordPrint(c, user.id, null);
    return c.redirect(printUrl(paths.records.minePrint, code), 303);
  });

  app.get(paths.records.minePrint, async (c) => {
    const user = requireRole(c, "worker");
    return (await renderRecordPrint(c, { id: user.id, name: user.name }, paths.records.mine)) ?? c.redirect(paths.records.mine, 303);
  });

  // What the QR code on a print opens: staff see the summary as printed that day, and today's.
  app.get(paths.records.checkPattern, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const code = c.req.param("code");
    const found = /^[A-Za-z0-9_-]{8,40}$/.test(code) ? await repo.findPrint(deps.database.db, code) : null;
    if (!found) return c.render(<RecordCheckPage found={null} />, { title: t.checkTitle });
    const [w] = await deps.database.db.select({ name: users.name }).from(users).where(eq(users.id, found.workerId)).limit(1);
    const now = (await workerRecord(c, found.workerId)).summary;
    await deps.database.write((db) => auditInsert(db, user, deps.clock.now(), { action: "record.check", subjectType: "worker", subjectId: found.workerId }), { pages: false });
    return c.render(
      <RecordCheckPage found={{ name: w?.name || t.forgotten, issued: chinaDate(found.issuedAt), summary: found.summary, now }} />,
      { title: t.checkTitle },
    );
  });

  app.get(paths.records.trend, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const county = user.role === "city_admin" ? null : user.scopeCounty ?? "";
    const { months, rows } = await rateTrend(deps, county);
    const scope = county ? deps.regions.countyName(county) : deps.config.region.city.name;
    return c.render(<RateTrendPage scope={scope} months={months} rows={rows} />, { title: t.trendTitle });
  });

  return app;
}

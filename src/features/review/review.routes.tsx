/** @jsxImportSource hono/jsx */
// Staff review of household postings held for their headcount (issue #16):
// the list in the staff member's county, one posting, approve (publish) and
// reject (a reason the employer reads in her inbox). Audited. Reads and writes
// postings only through jobs' own functions.
import { Hono } from "hono";
import * as v from "valibot";
import type { AppEnv, Ctx, CurrentUser, Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check, paragraph, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireStaff, canSeeCounty, ensure } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { notifyStatements } from "../messages/index.ts";
import { findPosting, endPosting, postingLimitProblem, placeOf, jobsActions, holdText } from "../jobs/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { HeldQueuePage, HeldPostingPage } from "../../../views/review/held.tsx";
import * as repo from "./review.repo.ts";

const t = copy.review;
const PER_PAGE = 20;

export const RejectHeldForm = v.object({ reason: paragraph(t.reasonLabel, 200) });

/** The county whose held postings this staff member reviews (null: the city admin, every county). */
export const reviewScope = (user: CurrentUser) => (user.role === "city_admin" ? null : user.scopeCounty ?? "");

type Found = NonNullable<Awaited<ReturnType<typeof findPosting>>>;

/** Whether the posting is held for its headcount now: a household employer's draft over the ceiling. */
function isHeld(deps: Deps, found: Found, employerKind: string | null): boolean {
  const p = found.posting;
  const none = { lastHour: 0, lastDay: 0 };
  return p.status === "draft" && postingLimitProblem({ kind: employerKind ?? "", headcount: p.headcount }, none, deps.config.postingLimits) === "householdHeadcount";
}

export function reviewRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.review.queue, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const n = Number(readQuery(c).page);
    const page = Number.isSafeInteger(n) && n > 0 && n < 10_000 ? n : 1;
    const max = deps.config.postingLimits.householdHeadcount;
    const { rows, total } = await repo.heldPostings(deps.database.db, reviewScope(user), max, page, PER_PAGE);
    return c.render(
      <HeldQueuePage
        rows={rows.map((r) => ({ ...r, county: deps.regions.countyName(r.countyCode), employerVerified: r.employerStatus === "verified" }))}
        total={total}
        page={page}
        pages={Math.max(1, Math.ceil(total / PER_PAGE))}
        max={max}
      />,
      { title: t.title },
    );
  });

  /** The posting, if this staff member's scope holds it (else 404); `held` whether it still waits for review. */
  const inScope = async (c: Ctx) => {
    const user = requireStaff(c);
    const id = Number(c.req.param("id"));
    ensure(Number.isSafeInteger(id) && id > 0);
    const deps = c.var.deps;
    const found = await findPosting(deps.database.db, id);
    if (!found) throw new NotFound("posting");
    ensure(canSeeCounty(user, found.posting.countyCode));
    const kind = await repo.employerKind(deps.database.db, found.posting.employerId);
    return { user, found, kind, held: isHeld(deps, found, kind) };
  };

  const page = (c: Ctx, found: Found, o: { values?: FormInput; errors?: FormErrors; message?: string } = {}, status?: 400 | 409 | 422) => {
    const deps = c.var.deps;
    const p = found.posting;
    if (status) c.status(status);
    return c.render(
      <HeldPostingPage
        p={{
          id: p.id,
          title: p.title,
          headcount: p.headcount,
          place: placeOf(deps, p),
          startDate: p.startDate,
          endDate: p.endDate,
          duties: p.duties,
          contactName: p.contactName,
          contactPhone: p.contactPhone,
          employerName: found.employerName,
          employerVerified: found.employerStatus === "verified",
        }}
        {...o}
      />,
      { title: p.title },
    );
  };

  app.get(paths.review.showPattern, async (c) => {
    const { found, held } = await inScope(c);
    // Decided already (or never held): the posting's own page says where it stands.
    if (!held) return redirectWithFlash(c, paths.jobs.show(found.posting.id), t.notHeld);
    return page(c, found);
  });

  app.post(paths.review.approvePattern, async (c) => {
    const { user, found, held, kind } = await inScope(c);
    const deps = c.var.deps;
    const p = found.posting;
    if (!held) return redirectWithFlash(c, paths.jobs.show(p.id), t.notHeld);
    // jobs' own publish: the limits that held it are skipped (staff decided), every other
    // rule still holds (a verified employer, a posting still in date, a wage-arrears stop…).
    const employer = { id: p.employerId, status: found.employerStatus ?? "", kind: kind ?? "" };
    const r = await jobsActions.publish(deps, employer, found, {
      skipLimits: true,
      alsoInside: async (tx, now) => {
        await auditInsert(tx, user, now, { action: "posting.review_approve", subjectType: "posting", subjectId: p.id, detail: { headcount: p.headcount } });
        for (const s of notifyStatements(tx, [{ userId: found.employerUserId, body: t.notices.approved(p.title), link: paths.jobs.show(p.id) }], now)) await s;
      },
    });
    if (!r.ok && r.code === "wrongState") return redirectWithFlash(c, paths.jobs.show(p.id), t.notHeld);
    if (!r.ok) return page(c, found, { message: r.code === "notVerified" ? t.refusedNotVerified : r.code === "endPast" ? t.refusedEndPast : holdText(deps, r) }, 422);
    return redirectWithFlash(c, paths.review.queue, t.approvedDone(p.title));
  });

  app.post(paths.review.rejectPattern, async (c) => {
    const { user, found, held } = await inScope(c);
    const deps = c.var.deps;
    const p = found.posting;
    if (!held) return redirectWithFlash(c, paths.jobs.show(p.id), t.notHeld);
    const input = await readForm(c);
    const form = check(RejectHeldForm, input);
    if (!form.ok) return page(c, found, { values: input, errors: form.errors }, 400);
    const reason = form.value.reason;
    const now = deps.clock.now();
    // Rejected = removed with the reason (as a staff removal): it leaves the queue, and the employer
    // reads why in her inbox; she may post again with fewer people.
    const done = await deps.database.transaction(async (tx) => {
      const ok = await endPosting(tx, p, ["draft"], "removed", now, { removedReason: reason, removedBy: user.id }, [
        { userId: found.employerUserId, body: t.notices.rejected(p.title, reason), link: paths.jobs.show(p.id) },
      ]);
      if (ok) await auditInsert(tx, user, now, { action: "posting.review_reject", subjectType: "posting", subjectId: p.id, detail: { reason } });
      return ok;
    });
    if (!done) return redirectWithFlash(c, paths.jobs.show(p.id), t.notHeld);
    return redirectWithFlash(c, paths.review.queue, t.rejectedDone(p.title));
  });

  return app;
}

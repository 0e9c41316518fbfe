/** @jsxImportSource hono/jsx */
// The employer's postings: new, 即时快招, the list, editing, publishing,
// closing, relisting; and staff taking one down. Each handler: who may →
// read the form → call the action (jobs.actions.ts) → redirect or render.
import type { Hono } from "hono";
import type { AppEnv, Ctx } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireStaff, canSeeCounty, ensure } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { idParam, pageParam, pagesFor } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import { QuickFormPage } from "../../../views/jobs/form.tsx";
import { MyPostingsPage } from "../../../views/jobs/mine.tsx";
import { PostingForm, postingMulti, formFromDraft, QuickForm, RemoveForm } from "./jobs.schema.ts";
import { canDo, effectiveStatus } from "./jobs.domain.ts";
import { references, todayOf } from "./jobs.refs.ts";
import { problemMessages, holdText, postedText, wageWarning } from "./jobs.words.ts";
import { PER_PAGE, currentEmployer, ownPosting, formOptions, rateLines, renderPostingForm, renderPosting } from "./jobs.pages.tsx";
import * as actions from "./jobs.actions.ts";
import * as repo from "./jobs.repo.ts";

const t = copy.jobs;

/** The signed-in employer, or the redirect to fill in their details first. */
async function employerOrAsk(c: Ctx) {
  const { employer } = await currentEmployer(c);
  return employer ? { employer } : { ask: redirectWithFlash(c, paths.employers.edit, t.needEmployer) };
}

export function postRoutes(app: Hono<AppEnv>) {
  app.get(paths.jobs.new, async (c) => {
    const { employer, ask } = await employerOrAsk(c);
    if (!employer) return ask;
    const today = todayOf(c.var.deps);
    const values: FormInput = {
      form: "gig",
      payMode: "wage",
      wageUnit: "day",
      headcount: "1",
      startDate: today,
      endDate: today,
      countyCode: employer.countyCode,
      townshipCode: employer.townshipCode ?? undefined,
      address: employer.address,
      contactName: employer.contactName,
      contactPhone: employer.contactPhone,
    };
    return renderPostingForm(c, { action: paths.jobs.new, heading: t.newTitle, submit: t.publishButton, values, intro: true });
  });

  app.post(paths.jobs.new, async (c) => {
    const { employer, ask } = await employerOrAsk(c);
    if (!employer) return ask;
    const input = await readForm(c, postingMulti);
    const again = (errors: FormErrors) => renderPostingForm(c, { action: paths.jobs.new, heading: t.newTitle, submit: t.publishButton, values: input, errors, intro: true });
    const form = check(PostingForm, input);
    if (!form.ok) return again(form.errors);
    const r = await actions.postJob(c.var.deps, employer, form.value);
    if (!r.ok) return again(r.code === "problems" ? problemMessages(r.problems) : {});
    return redirectWithFlash(c, paths.jobs.show(r.id), postedText(c.var.deps, r.hold));
  });

  app.get(paths.jobs.quick, async (c) => {
    const { employer, ask } = await employerOrAsk(c);
    if (!employer) return ask;
    const refs = await references(c.var.deps);
    const values = { headcount: "1", countyCode: employer.countyCode, contactPhone: employer.contactPhone };
    return c.render(<QuickFormPage values={values} options={formOptions(c.var.deps, refs, null)} rates={await rateLines(c.var.deps, refs, values)} />, { title: t.quickTitle });
  });

  app.post(paths.jobs.quick, async (c) => {
    const { employer, ask } = await employerOrAsk(c);
    if (!employer) return ask;
    const deps = c.var.deps;
    const input = await readForm(c);
    const again = async (errors: FormErrors) => {
      c.status(400);
      return c.render(<QuickFormPage values={input} errors={errors} options={formOptions(deps, await references(deps), null)} />, { title: t.quickTitle });
    };
    const form = check(QuickForm, input);
    if (!form.ok) return again(form.errors);
    const r = await actions.quickJob(deps, employer, form.value);
    if (!r.ok) return again(r.code === "problems" ? problemMessages(r.problems) : {});
    return redirectWithFlash(c, paths.jobs.show(r.id), postedText(deps, r.hold));
  });

  app.get(paths.jobs.mine, async (c) => {
    const { employer, ask } = await employerOrAsk(c);
    if (!employer) return ask;
    const page = pageParam(c);
    const { rows, total } = await repo.employerPostings(c.var.deps.database.db, employer.id, page, PER_PAGE);
    return c.render(<MyPostingsPage rows={rows} page={page} pages={pagesFor(total, PER_PAGE)} />, { title: t.mineTitle });
  });
}

/** Editing and the other acts on one posting (registered after the posting page's own routes). */
export function postingActRoutes(app: Hono<AppEnv>) {
  app.get(paths.jobs.editPattern, async (c) => {
    const { found } = await ownPosting(c);
    if (!canDo("edit", effectiveStatus(found.posting, todayOf(c.var.deps)))) return redirectWithFlash(c, paths.jobs.show(found.posting.id), t.wrongState);
    const values = formFromDraft(repo.draftOf(found.posting, found.brands.map((b) => b.id)));
    return renderPostingForm(c, { action: paths.jobs.edit(found.posting.id), heading: t.editTitle, submit: t.saveButton, values, warning: wageWarning(c.var.deps, found.posting) });
  });

  app.post(paths.jobs.editPattern, async (c) => {
    const { found } = await ownPosting(c);
    const id = found.posting.id;
    const input = await readForm(c, postingMulti);
    const again = (errors: FormErrors) => renderPostingForm(c, { action: paths.jobs.edit(id), heading: t.editTitle, submit: t.saveButton, values: input, errors });
    if (!canDo("edit", effectiveStatus(found.posting, todayOf(c.var.deps)))) return renderPosting(c, id, { message: t.wrongState, code: 422 });
    const form = check(PostingForm, input);
    if (!form.ok) return again(form.errors);
    const r = await actions.editPosting(c.var.deps, found, form.value);
    if (!r.ok) return r.code === "problems" ? again(problemMessages(r.problems)) : renderPosting(c, id, { message: t.wrongState, code: 422 });
    return redirectWithFlash(c, paths.jobs.show(id), t.saved);
  });

  app.post(paths.jobs.publishPattern, async (c) => {
    const { employer, found } = await ownPosting(c);
    const r = await actions.publish(c.var.deps, employer!, found);
    if (!r.ok) return renderPosting(c, found.posting.id, { message: r.code === "wrongState" ? t.wrongState : holdText(c.var.deps, r), code: 422 });
    return redirectWithFlash(c, paths.jobs.show(found.posting.id), t.published);
  });

  app.post(paths.jobs.closePattern, async (c) => {
    const { found } = await ownPosting(c);
    const r = await actions.close(c.var.deps, found);
    if (!r.ok) return renderPosting(c, found.posting.id, { message: t.wrongState, code: 422 });
    return redirectWithFlash(c, paths.jobs.show(found.posting.id), t.closedDone);
  });

  app.post(paths.jobs.relistPattern, async (c) => {
    const { employer, found } = await ownPosting(c);
    const r = await actions.relist(c.var.deps, employer!, found);
    if (!r.ok) return renderPosting(c, found.posting.id, { message: t.wrongState, code: 422 });
    return redirectWithFlash(c, paths.jobs.edit(r.id), t.relisted);
  });

  app.post(paths.jobs.removePattern, async (c) => {
    const actor = requireStaff(c);
    const id = idParam(c);
    const found = await repo.findPosting(c.var.deps.database.db, id);
    if (!found) throw new NotFound("posting");
    ensure(canSeeCounty(actor, found.posting.countyCode));
    const input = await readForm(c);
    const form = check(RemoveForm, input);
    if (!form.ok) return renderPosting(c, id, { values: input, errors: form.errors, code: 400 });
    const r = await actions.remove(c.var.deps, actor, found, form.value.reason);
    if (!r.ok) return renderPosting(c, id, { message: t.wrongState, code: 422 });
    return redirectWithFlash(c, paths.jobs.show(id), t.removedDone);
  });
}

/** @jsxImportSource hono/jsx */
// The status page for admins, and the station's handling of a worker's
// "delete my data" request.
import { Hono } from "hono";
import { logOf, type AppEnv, type Ctx, type CurrentUser, type Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireAdmin, requireStaff, ensure, canSeeCounty, canSeeMarket } from "../../shared/authz.ts";
import { stationHolds } from "../../shared/station-scope.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { chinaDate } from "../../shared/clock.ts";
import { NotFound } from "../../shared/errors.ts";
import { idParam } from "../../shared/params.ts";
import { collectStatus } from "../../ops/status.ts";
import { forgetWorkers } from "../../ops/housekeeping.ts";
import { forgetRefusal } from "../../ops/retention.domain.ts";
import { copy } from "../../../views/copy/index.ts";
import { StatusPage } from "../../../views/ops/status.tsx";
import { ForgetLookupPage, ForgetConfirmPage } from "../../../views/ops/forget.tsx";
import { LookupForm, ForgetForm } from "./ops.schema.ts";
import { classifyLookup } from "./ops.domain.ts";
import * as repo from "./ops.repo.ts";

const t = copy.ops;

/** The county's staff, or the market that registered her; a station's staff only for their station's people. */
async function mayForget(deps: Deps, user: CurrentUser, w: { id: number; countyCode: string | null; viaMarket: { id: number; countyCode: string } | null }) {
  if (!!w.viaMarket && canSeeMarket(user, w.viaMarket)) return true;
  return canSeeCounty(user, w.countyCode) && (await stationHolds(deps.database.db, user, w.id));
}

/** The worker behind :id, if this staff member may handle them; else 404. */
async function workerInScope(c: Ctx) {
  const user = requireStaff(c);
  const deps = c.var.deps;
  const id = idParam(c);
  const w = await repo.workerForForget(deps.database.db, id, chinaDate(deps.clock.now()));
  if (!w || w.role !== "worker") throw new NotFound("worker");
  ensure(await mayForget(deps, user, w));
  return { user, w };
}

export function opsRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.ops.status, async (c) => {
    requireAdmin(c);
    return c.render(<StatusPage s={await collectStatus(c.var.deps, logOf(c))} />, { title: t.statusTitle });
  });

  const lookupPage = (c: Ctx, status: 200 | 400 | 404, values?: FormInput, errors?: FormErrors) => {
    c.status(status);
    return c.render(<ForgetLookupPage values={values} errors={errors} />, { title: t.forgetTitle });
  };

  app.get(paths.ops.forget, (c) => {
    requireStaff(c);
    return lookupPage(c, 200);
  });

  app.post(paths.ops.forget, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const input = await readForm(c);
    const form = check(LookupForm, input);
    if (!form.ok) return lookupPage(c, 400, input, form.errors);
    const by = classifyLookup(form.value.who);
    if (!by) return lookupPage(c, 400, input, { who: t.forgetLookupHint });
    const id = await repo.findWorkerId(deps.database.db, by);
    const w = id && (await repo.workerForForget(deps.database.db, id, chinaDate(deps.clock.now())));
    // Not found and out of scope read the same, so numbers cannot be probed.
    if (!w || !(await mayForget(deps, user, w))) {
      return lookupPage(c, 404, input, { who: t.forgetNotFound });
    }
    return c.redirect(paths.ops.forgetWorker(w.id), 303);
  });

  const confirmPage = (c: Ctx, w: Awaited<ReturnType<typeof workerInScope>>["w"], status: 200 | 400 | 422, errors?: FormErrors) => {
    const refusal = forgetRefusal(w);
    c.status(status);
    const page = { id: w.id, name: w.name, phone: w.phone, county: c.var.deps.regions.countyName(w.countyCode), createdAt: w.createdAt };
    return c.render(<ForgetConfirmPage w={page} refusal={refusal ? t.forgetRefused[refusal] : undefined} errors={errors} />, { title: t.forgetConfirmTitle });
  };

  app.get(paths.ops.forgetWorkerPattern, async (c) => {
    const { w } = await workerInScope(c);
    return confirmPage(c, w, 200);
  });

  app.post(paths.ops.forgetWorkerPattern, async (c) => {
    const { user } = await workerInScope(c);
    const deps = c.var.deps;
    const input = await readForm(c);
    const form = check(ForgetForm, input);
    const now = deps.clock.now();
    const today = chinaDate(now);
    // Checked again inside the write, so a hire confirmed meanwhile still blocks it.
    const result = await deps.database.transaction(async (tx) => {
      const w = (await repo.workerForForget(tx, idParam(c), today))!;
      if (!form.ok || forgetRefusal(w)) return { done: false as const, w };
      await forgetWorkers(tx, [w.id], now, deps.hooks);
      await auditInsert(tx, user, now, { action: "worker.forget", subjectType: "user", subjectId: w.id, onBehalfOf: w.id });
      return { done: true as const, w };
    });
    if (!result.done) return confirmPage(c, result.w, forgetRefusal(result.w) ? 422 : 400, form.ok ? undefined : form.errors);
    return redirectWithFlash(c, paths.ops.forget, t.forgetDone);
  });

  return app;
}

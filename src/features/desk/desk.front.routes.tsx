/** @jsxImportSource hono/jsx */
// The desk's front: the home page with today's figures, check-in (签到) and
// walk-in registration (代登记).
import type { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check, type FormErrors } from "../../shared/forms.ts";
import { canSeeCounty, ensure } from "../../shared/authz.ts";
import { stationHolds } from "../../shared/station-scope.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { chinaDate, chinaDayStart } from "../../shared/clock.ts";
import { findUserByPhone } from "../accounts/index.ts";
import { employerQueuePath } from "../employers/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { DeskHomePage, NoMarketPage } from "../../../views/desk/home.tsx";
import type { Match } from "../../../views/desk/checkin.tsx";
import { ExistingPage } from "../../../views/desk/register.tsx";
import { LookupForm, RegisterForm } from "./desk.schema.ts";
import { parseLookup } from "./desk.domain.ts";
import { PER_PAGE, deskOf, requireDesk, arrivalRows, workerHref } from "./desk.scope.ts";
import { checkinPage, registerPage } from "./desk.pages.tsx";
import * as actions from "./desk.actions.ts";
import * as repo from "./desk.repo.ts";

const t = copy.desk;

/** A registration's refusal codes as the form's messages. */
function registerErrors(r: Extract<actions.RegisterOutcome, { code: "problems" }>): FormErrors {
  const words: Record<actions.RegisterProblem, string> = {
    unknownCounty: t.unknownCountyChoice,
    unknownTownship: t.unknownTownship,
    birthYearMismatch: t.birthYearMismatch,
    birthYearRange: copy.errors.range(t.birthYear, r.range.min, r.range.max),
    unknownKind: t.unknownKind,
  };
  return Object.fromEntries(Object.entries(r.problems).map(([field, code]) => [field, words[code]]));
}

export function frontRoutes(app: Hono<AppEnv>) {
  app.get(paths.desk.home, async (c) => {
    const desk = await deskOf(c);
    if (!desk) return c.render(<NoMarketPage />, { title: t.title });
    const { user, market, m } = desk;
    const deps = c.var.deps;
    const now = deps.clock.now();
    const today = chinaDate(now);
    const [figures, arrived] = await Promise.all([
      repo.todayFigures(deps.database.db, { marketId: market.id, countyCode: market.countyCode, today, dayStart: chinaDayStart(now) }),
      repo.checkInsOn(deps.database.db, market.id, today),
    ]);
    // The newest arrivals first: the person at the counter is at the top.
    const latest = arrivalRows(user, m, arrived).reverse().slice(0, PER_PAGE);
    return c.render(<DeskHomePage m={m} today={today} figures={figures} arrivals={latest} employersQueue={employerQueuePath} />, { title: t.title });
  });

  // --- Check-in (签到) ---------------------------------------------------------------

  app.get(paths.desk.checkin, async (c) => checkinPage(await requireDesk(c), c));

  app.post(paths.desk.checkin, async (c) => {
    const desk = await requireDesk(c);
    const { user, market } = desk;
    const db = c.var.deps.database.db;
    const input = await readForm(c);
    const form = check(LookupForm, input);
    if (!form.ok) return checkinPage(desk, c, { values: input, errors: form.errors }, 400);
    let worker: repo.DeskWorker | null = null;
    if (form.value.workerId !== undefined) {
      // Picked from a list: only people this desk may see.
      worker = await repo.findWorker(db, form.value.workerId);
      ensure(!!worker && canSeeCounty(user, worker.scopeCounty), "worker");
    } else {
      const lookup = parseLookup(form.value.q ?? "");
      if (!lookup) return checkinPage(desk, c, { values: input, errors: { q: t.badLookup } }, 400);
      if (lookup.by === "name") {
        const matches: Match[] = await repo.searchWorkersByName(db, lookup.name, market.countyCode);
        if (matches.length === 0) return checkinPage(desk, c, { values: input, message: t.noNameMatch }, 422);
        return checkinPage(desk, c, { values: input, matches });
      }
      if (lookup.by === "phone") {
        worker = await repo.findWorkerByPhoneForDesk(db, lookup.phone);
        if (!worker) {
          const other = await findUserByPhone(db, lookup.phone);
          if (other) return checkinPage(desk, c, { values: input, message: t.notWorker }, 422);
          return checkinPage(desk, c, { values: input, message: t.unknownPhone, offerRegister: lookup.phone }, 422);
        }
      } else {
        worker = await repo.findWorkerByCardCode(db, lookup.code);
        if (!worker) return checkinPage(desk, c, { values: input, message: t.unknownCard }, 422);
      }
    }
    const w = worker!;
    const r = await actions.checkIn(c.var.deps, desk, w.id);
    // A worker of another county may check in here, but this desk is not told who she is (issue #16).
    const ours = canSeeCounty(user, w.scopeCounty);
    if (!r.ok) return checkinPage(desk, c, { message: ours ? t.alreadyToday(w.name) : t.alreadyTodayOther }, 409);
    return redirectWithFlash(c, paths.desk.checkin + desk.m.suffix, (ours ? t.checkedIn(w.name) : t.checkedInOther) + t.queueNoYours(r.queueNo));
  });

  // --- Walk-in registration (代登记) ---------------------------------------------------

  app.get(paths.desk.register, async (c) => registerPage(await requireDesk(c), c));

  app.post(paths.desk.register, async (c) => {
    const desk = await requireDesk(c);
    const input = await readForm(c, ["kinds"]);
    // From check-in's "为他登记": the phone just typed, carried in a POST (never in a URL).
    if (input.prefill) return registerPage(desk, c, { phone: input.phone });
    const form = check(RegisterForm, input);
    if (!form.ok) return registerPage(desk, c, input, form.errors, 400);
    const r = await actions.registerWalkIn(c.var.deps, desk, form.value);
    if (r.ok) return redirectWithFlash(c, workerHref(desk, r.id), t.registered(r.cardCode));
    if (r.code === "problems") return registerPage(desk, c, input, registerErrors(r), 400);
    if (r.code === "otherAccount") return registerPage(desk, c, input, { phone: t.phoneUsedByOther }, 400);
    const found = await repo.findWorker(c.var.deps.database.db, r.id);
    const href = found && canSeeCounty(desk.user, found.scopeCounty) && (await stationHolds(c.var.deps.database.db, desk.user, found.id)) ? workerHref(desk, found.id) : null;
    c.status(409);
    return c.render(<ExistingPage m={desk.m} href={href} />, { title: t.existing });
  });
}

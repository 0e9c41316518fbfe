/** @jsxImportSource hono/jsx */
// The desk's pages that several handlers render again with a message, the
// form's state or an error status: check-in, registration, a worker's page,
// posting for an employer, today's order.
import type { Ctx } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import type { FormErrors, FormInput } from "../../shared/forms.ts";
import { canSeeCounty, canVerifyAndReveal } from "../../shared/authz.ts";
import { chinaDate, addDays } from "../../shared/clock.ts";
import { maskPhone } from "../../shared/validators.ts";
import { lockOf } from "../accounts/index.ts";
import { listKinds } from "../workers/index.ts";
import { employerQueuePath } from "../employers/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { CheckinPage } from "../../../views/desk/checkin.tsx";
import { RegisterPage } from "../../../views/desk/register.tsx";
import { WorkerPage, type WorkerPageProps } from "../../../views/desk/worker.tsx";
import { OrderPage, type OrderRow } from "../../../views/desk/order.tsx";
import { PostJobPage } from "../../../views/desk/post.tsx";
import { categoriesOf, canSeeSensitive, fairOrder, ageOn } from "./desk.domain.ts";
import { deskSettings } from "./desk.settings.ts";
import { PER_PAGE, arrivalRows, type Desk, type WorkerDesk } from "./desk.scope.ts";
import * as repo from "./desk.repo.ts";

const t = copy.desk;

export const checkinPage = async (desk: Desk, c: Ctx, extra: Partial<Parameters<typeof CheckinPage>[0]> = {}, status: 200 | 400 | 409 | 422 = 200) => {
  const deps = c.var.deps;
  const arrived = await repo.checkInsOn(deps.database.db, desk.market.id, chinaDate(deps.clock.now()));
  c.status(status);
  return c.render(<CheckinPage m={desk.m} arrivals={arrivalRows(desk.user, desk.m, arrived).reverse().slice(0, PER_PAGE)} {...extra} />, { title: t.checkinTitle });
};

export const registerPage = async (desk: Desk, c: Ctx, values?: FormInput, errors?: FormErrors, status: 200 | 400 = 200) => {
  const { regions, database } = c.var.deps;
  const county = typeof values?.countyCode === "string" && regions.countyNames.has(values.countyCode) ? values.countyCode : desk.market.countyCode;
  const kinds = await listKinds(database.db);
  c.status(status);
  return c.render(
    <RegisterPage
      m={desk.m}
      counties={regions.countyOptions()}
      townships={regions.townshipOptions(county)}
      kinds={kinds.map((k) => [String(k.id), k.name] as const)}
      values={{ countyCode: desk.market.countyCode, townshipCode: desk.market.townshipCode ?? undefined, ...values }}
      errors={errors}
    />,
    { title: t.registerTitle },
  );
};

export const workerPage = async (
  c: Ctx,
  d: WorkerDesk,
  extra: Partial<Pick<WorkerPageProps, "revealed" | "form" | "values" | "errors" | "message">> = {},
  status: 200 | 400 | 409 | 422 = 200,
) => {
  const deps = c.var.deps;
  const db = deps.database.db;
  const { user, market, m, w } = d;
  const now = deps.clock.now();
  const today = chinaDate(now);
  const sensitive = canSeeSensitive(user, w.scopeCounty);
  const [kinds, checkIns, facts, consents, contacts, suggestions, lock, via, pending, hireRows] = await Promise.all([
    repo.kindNamesOf(db, w.id),
    repo.recentCheckInsOf(db, w.id),
    repo.priorityFactsOf(db, [w.id], sensitive),
    sensitive ? repo.consentsOf(db, w.id) : Promise.resolve(null),
    repo.contactsOf(db, w.id),
    repo.matchingPostings(db, { workerIds: [w.id], countyCode: market.countyCode, today, until: addDays(today, 6), perWorker: 5 }),
    lockOf(db, w.phone),
    w.viaMarketId ? repo.findMarket(db, w.viaMarketId) : Promise.resolve(null),
    repo.pendingSignUpsOf(db, w.id),
    repo.recentHiresOf(db, w.id),
  ]);
  const f = facts.get(w.id)!;
  const place = [deps.regions.countyName(w.countyCode), deps.regions.townshipName(w.townshipCode)].filter(Boolean).join(" ");
  c.status(status);
  return c.render(
    <WorkerPage
      m={m}
      w={{
        id: w.id,
        name: w.name,
        phone: w.phone,
        ownPhone: w.ownPhone !== false,
        cardCode: w.cardCode,
        birthYear: w.birthYear,
        age: ageOn(w.birthYear, today),
        place,
        kinds,
        idNumber: w.idNumber,
        viaMarket: via?.name ?? null,
        createdAt: w.createdAt,
        hasPin: !!w.hasPin,
        lock: lock?.lockedUntil && lock.lockedUntil > now ? (lock.lockedUntil === Number.MAX_SAFE_INTEGER ? "staff" : "temporary") : "none",
      }}
      checkIns={checkIns}
      categories={categoriesOf({ birthYear: w.birthYear, ...f }, today, deskSettings(deps))}
      consents={consents}
      contacts={contacts}
      suggestions={suggestions.get(w.id) ?? []}
      pending={pending.map((a) => ({ ...a, canConfirm: canSeeCounty(user, a.countyCode) }))}
      canReveal={canVerifyAndReveal(user)}
      hires={hireRows.filter((h) => canSeeCounty(user, h.countyCode))}
      {...extra}
    />,
    { title: t.workerTitle(w.name) },
  );
};

export const postJobPage = async (c: Ctx, desk: Desk, extra: { values?: FormInput; errors?: FormErrors; message?: string } = {}, status: 200 | 400 | 422 = 200) => {
  const deps = c.var.deps;
  const kinds = await listKinds(deps.database.db);
  c.status(status);
  return c.render(
    <PostJobPage
      m={desk.m}
      kinds={kinds.map((k) => [String(k.id), k.name] as const)}
      counties={deps.regions.countyOptions()}
      values={{ countyCode: desk.market.countyCode, ...extra.values }}
      errors={extra.errors}
      message={extra.message}
      employersQueue={employerQueuePath}
    />,
    { title: t.postTitle },
  );
};

export async function todaysOrder(c: Ctx, marketId: number) {
  const deps = c.var.deps;
  const db = deps.database.db;
  const today = chinaDate(deps.clock.now());
  const [rule, arrived, draw] = await Promise.all([repo.ruleOf(db, marketId), repo.checkInsOn(db, marketId, today), repo.drawOf(db, marketId, today)]);
  let priority = new Set<number>();
  if (rule === "priority") {
    // Everyone's categories count here (the worker consented to priority help); the order shows none of them.
    const s = deskSettings(deps);
    const facts = await repo.priorityFactsOf(db, arrived.map((a) => a.workerId), true);
    priority = new Set(arrived.filter((a) => categoriesOf({ birthYear: a.birthYear, ...facts.get(a.workerId)! }, today, s).length > 0).map((a) => a.workerId));
  }
  const order = fairOrder(rule, arrived, { priority, drawn: rule === "draw" ? draw?.order ?? null : null });
  const byId = new Map(arrived.map((a) => [a.workerId, a]));
  const drawInfo = draw ? { seed: draw.seed, drawnAt: draw.drawnAt, late: arrived.some((a) => !draw.order.includes(a.workerId)) } : null;
  return { today, rule, draw: drawInfo, arrived, order: order.map((id) => byId.get(id)!) };
}

export const orderPage = async (c: Ctx, desk: Desk, extra: { errors?: FormErrors; message?: string } = {}, status: 200 | 400 | 409 | 422 = 200) => {
  const o = await todaysOrder(c, desk.market.id);
  const rows: OrderRow[] = o.order.map((a) => ({
    who: canSeeCounty(desk.user, a.scopeCounty) ? a.name : t.otherCountyWorker,
    masked: maskPhone(a.phone),
    href: canSeeCounty(desk.user, a.scopeCounty) ? paths.desk.worker(a.workerId) + desk.m.suffix : null,
  }));
  c.status(status);
  return c.render(<OrderPage m={desk.m} today={o.today} rule={o.rule} rows={rows} draw={o.draw} {...extra} />, { title: t.orderTitle });
};

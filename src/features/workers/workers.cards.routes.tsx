/** @jsxImportSource hono/jsx */
// Workers' work-seeking cards (求职信息): her own list, publishing, closing and
// reopening; and the public list of open cards (找工人).
import { Hono } from "hono";
import type { AppEnv, Ctx } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check } from "../../shared/forms.ts";
import { requireRole, isStaff, ensure } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { chinaDate } from "../../shared/clock.ts";
import { pagesFor } from "../../shared/params.ts";
import { employerForUser, isVerified } from "../employers/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { MyCardsPage, WorkersListPage } from "../../../views/workers/cards.tsx";
import { cardForm } from "./workers.schema.ts";
import { daysList, maskName, ageIn, seesFullPhone, MAX_OPEN_CARDS } from "./workers.domain.ts";
import * as repo from "./workers.repo.ts";
import * as actions from "./workers.actions.ts";
import { PER_PAGE, byField, problemErrors, pageNumber, townshipOptions, placeName, kindOptions, newCardPage } from "./workers.render.tsx";

const t = copy.workers;

export function workerCardRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.workers.cards, async (c) => {
    const user = requireRole(c, "worker");
    const deps = c.var.deps;
    const page = pageNumber(c.req.query("page"));
    const { total, rows } = await repo.myCards(deps.database.db, user.id, page, PER_PAGE);
    return c.render(
      <MyCardsPage cards={rows.map((r) => ({ ...r, place: placeName(deps, r.countyCode, r.townshipCode) }))} page={page} pages={pagesFor(total, PER_PAGE)} />,
      { title: t.cardsTitle },
    );
  });

  app.get(paths.workers.cardNew, async (c) => {
    const user = requireRole(c, "worker");
    // Start from the profile, so a worker with a filled profile only presses 发布.
    const me = await repo.profileOf(c.var.deps.database.db, user.id);
    const p = me?.profile;
    return newCardPage(c, {
      kindId: me?.kindIds.length === 1 ? String(me.kindIds[0]) : undefined,
      countyCode: p?.countyCode ?? undefined,
      townshipCode: p?.townshipCode ?? undefined,
      days: daysList(p?.days),
      wage: p?.expectedWageFen ? String(p.expectedWageFen / 100) : undefined,
      wageUnit: p?.expectedWageUnit ?? undefined,
    });
  });

  app.post(paths.workers.cardNew, async (c) => {
    const user = requireRole(c, "worker");
    const input = await readForm(c, ["days"]);
    const kindIds = (await kindOptions(c.var.deps)).map(([id]) => id);
    const form = check(cardForm(kindIds), input);
    if (!form.ok) return newCardPage(c, input, byField(form.errors), 400);
    const r = await actions.openCard(c.var.deps, user, form.value);
    if (r.ok) return redirectWithFlash(c, paths.workers.cards, t.published);
    if ("problems" in r) return newCardPage(c, input, problemErrors(r.problems), 400);
    return newCardPage(c, input, { kindId: t.tooManyOpen(MAX_OPEN_CARDS) }, 422);
  });

  const setStatus = (to: "open" | "closed") => async (c: Ctx) => {
    const user = requireRole(c, "worker");
    const id = Number(c.req.param("id"));
    ensure(Number.isSafeInteger(id) && id > 0);
    const r = await actions.setCardStatus(c.var.deps, user, id, to);
    if (!r.ok && r.code === "missing") throw new NotFound("card");
    if (!r.ok) return redirectWithFlash(c, paths.workers.cards, t.tooManyOpen(MAX_OPEN_CARDS));
    return redirectWithFlash(c, paths.workers.cards, to === "open" ? t.reopenedDone : t.closedDone);
  };

  app.post(paths.workers.cardClosePattern, setStatus("closed"));
  app.post(paths.workers.cardReopenPattern, setStatus("open"));

  app.get(paths.workers.list, async (c) => {
    const deps = c.var.deps;
    const viewer = c.var.user;
    const q = readQuery(c);
    const kinds = await kindOptions(deps);
    // Filters that do not match a real choice are ignored rather than refused: this is a bookmarkable search.
    const kind = kinds.some(([id]) => id === q.kind) ? (q.kind as string) : undefined;
    const county = typeof q.county === "string" && deps.regions.countyNames.has(q.county) ? q.county : undefined;
    const township = typeof q.township === "string" && deps.regions.townshipNames.has(q.township) && (!county || deps.regions.townshipInCounty(q.township, county)) ? q.township : undefined;
    const page = pageNumber(q.page);
    const { total, rows } = await repo.browseCards(deps.database.db, { kindId: kind ? Number(kind) : undefined, countyCode: county, townshipCode: township }, page, PER_PAGE);
    const verifiedEmployer = viewer?.role === "employer" && isVerified(await employerForUser(deps.database.db, viewer.id));
    const full = seesFullPhone(viewer, verifiedEmployer);
    const thisYear = Number(chinaDate(deps.clock.now()).slice(0, 4));
    const filter = { kind, county, township };
    const href = (n: number) => {
      const params = new URLSearchParams(Object.entries({ ...filter, page: String(n) }).filter((e): e is [string, string] => !!e[1]));
      return `${paths.workers.list}?${params}`;
    };
    return c.render(
      <WorkersListPage
        cards={rows.map((r) => ({
          ...r,
          place: placeName(deps, r.countyCode, r.townshipCode),
          name: full ? r.name : maskName(r.name),
          fullPhone: full,
          age: ageIn(thisYear, r.birthYear),
          gender: r.gender ? t.genders[r.gender] : null,
        }))}
        total={total}
        kinds={kinds}
        counties={deps.regions.countyOptions()}
        townships={townshipOptions(deps, county)}
        filter={filter}
        page={page}
        pages={pagesFor(total, PER_PAGE)}
        href={href}
        showPhoneNote={!full && !isStaff(viewer)}
      />,
      { title: t.listTitle },
    );
  });

  return app;
}

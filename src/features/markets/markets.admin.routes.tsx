/** @jsxImportSource hono/jsx */
// Market records (admin): county and city admins list, add and change the
// markets they manage. The use cases are in markets.actions.ts.
import type { Hono } from "hono";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireAdmin, ensure } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { idParam, pageParam, pagesFor } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import { MarketAdminListPage, MarketFormPage } from "../../../views/markets/admin.tsx";
import { multiFields } from "./markets.schema.ts";
import * as repo from "./markets.repo.ts";
import { createMarket, updateMarket, managedMarket, type MarketResult } from "./markets.actions.ts";
import { PER_PAGE, managedCounty, placeOf, formOptions, marketFormValues } from "./markets.present.ts";

const t = copy.markets;

function formPage(c: Ctx, user: CurrentUser, o: { heading: string; action: string; values: FormInput; errors?: FormErrors; status?: 400 | 422 }) {
  if (o.status) c.status(o.status);
  return c.render(<MarketFormPage heading={o.heading} action={o.action} values={o.values} errors={o.errors} options={formOptions(c.var.deps, user)} />, {
    title: o.heading,
  });
}

/** A refused market form, again with the input and the words for each refusal. */
function refusedForm(c: Ctx, user: CurrentUser, r: Exclude<MarketResult, { ok: true }>, o: { heading: string; action: string; values: FormInput }) {
  ensure(r.code !== "notFound");
  if (r.code === "invalid") return formPage(c, user, { ...o, errors: r.errors, status: 400 });
  return formPage(c, user, { ...o, errors: Object.fromEntries(Object.entries(r.problems).map(([k, p]) => [k, t[p!]])), status: 422 });
}

export function adminRoutes(app: Hono<AppEnv>) {
  app.get(paths.markets.admin, async (c) => {
    const user = requireAdmin(c);
    const deps = c.var.deps;
    const page = pageParam(c);
    const { rows, total } = await repo.listMarkets(deps.database.db, { county: managedCounty(user) ?? undefined }, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
    return c.render(
      <MarketAdminListPage
        rows={rows.map((m) => ({ id: m.id, name: m.name, tier: m.tier, place: placeOf(deps, m), phone: m.phone, countyCode: m.countyCode }))}
        page={page}
        pages={pagesFor(total, PER_PAGE)}
        pageHref={(n) => `${paths.markets.admin}?page=${n}`}
      />,
      { title: t.adminTitle },
    );
  });

  app.get(paths.markets.adminNew, (c) => {
    const user = requireAdmin(c);
    const county = managedCounty(user);
    return formPage(c, user, { heading: t.adminNew, action: paths.markets.adminNew, values: { nature: "public", countyCode: county ?? undefined, supervisionPhone: c.var.deps.config.hotline } });
  });

  app.post(paths.markets.adminNew, async (c) => {
    const user = requireAdmin(c);
    const input = await readForm(c, multiFields);
    const r = await createMarket(c.var.deps, user, input);
    if (!r.ok) return refusedForm(c, user, r, { heading: t.adminNew, action: paths.markets.adminNew, values: input });
    return redirectWithFlash(c, paths.markets.show(r.id), t.created);
  });

  app.get(paths.markets.adminEditPattern, async (c) => {
    const user = requireAdmin(c);
    const m = await managedMarket(c.var.deps, user, idParam(c));
    ensure(!!m);
    return formPage(c, user, { heading: t.adminEdit(m.name), action: paths.markets.adminEdit(m.id), values: marketFormValues(m) });
  });

  app.post(paths.markets.adminEditPattern, async (c) => {
    const user = requireAdmin(c);
    const deps = c.var.deps;
    // Looked up before the form is read, so a market out of scope is a 404 whatever was sent.
    const m = await managedMarket(deps, user, idParam(c));
    ensure(!!m);
    const input = await readForm(c, multiFields);
    const r = await updateMarket(deps, user, m.id, input);
    if (!r.ok) return refusedForm(c, user, r, { heading: t.adminEdit(m.name), action: paths.markets.adminEdit(m.id), values: input });
    return redirectWithFlash(c, paths.markets.show(m.id), t.updated);
  });
}

/** @jsxImportSource hono/jsx */
// The 十个一 checklist: the city admin's overview, each county's page and each
// market's; the county's own admin edits, the city admin reads.
import type { Hono } from "hono";
import type { AppEnv, Ctx } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireAdmin, ensure } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { chinaDate } from "../../shared/clock.ts";
import { idParam } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import { ChecklistOverviewPage, ChecklistPage } from "../../../views/markets/checklist.tsx";
import * as repo from "./markets.repo.ts";
import { overdueInspections } from "../supervision/index.ts";
import { saveChecklist, mayEditChecklist } from "./markets.actions.ts";
import { itemViews, checklistValues, checklistOverview } from "./markets.present.ts";

const t = copy.markets;

/** The county in the URL, if this admin may see it: the city admin reads, the county's own admin edits. */
function checklistCounty(c: Ctx) {
  const user = requireAdmin(c);
  const county = c.req.param("county") ?? "";
  ensure(c.var.deps.regions.countyNames.has(county) && (user.role === "city_admin" || user.scopeCounty === county));
  return { user, county, editable: mayEditChecklist(user, county) };
}

/** The market in the URL, which must be in the county in the URL. */
async function checklistMarket(c: Ctx, county: string) {
  const id = idParam(c);
  const m = await repo.findMarket(c.var.deps.database.db, id);
  ensure(!!m && m.countyCode === county);
  return m.id;
}

async function renderChecklist(c: Ctx, o: { county: string; marketId: number; editable: boolean; values?: FormInput; errors?: FormErrors }) {
  const deps = c.var.deps;
  const items = itemViews(await repo.checklistOf(deps.database.db, o.county, o.marketId));
  let heading: string;
  let markets: { id: number; name: string; done: number }[] | undefined;
  let overdue: Awaited<ReturnType<typeof overdueInspections>> | undefined;
  if (o.marketId === 0) {
    heading = t.checklistCountyTitle(deps.regions.countyName(o.county));
    const [ms, done, late] = await Promise.all([
      repo.allMarkets(deps.database.db, { county: o.county }),
      repo.checklistDone(deps.database.db, o.county),
      overdueInspections(deps.database.db, o.county, chinaDate(deps.clock.now())),
    ]);
    overdue = late;
    markets = ms.map((m) => ({ id: m.id, name: m.name, done: Number(done.find((d) => d.marketId === m.id)?.done ?? 0) }));
  } else {
    heading = t.checklistMarketTitle((await repo.findMarket(deps.database.db, o.marketId))!.name);
  }
  if (o.errors) c.status(400);
  return c.render(
    <ChecklistPage
      heading={heading}
      action={o.marketId === 0 ? paths.markets.checklistCounty(o.county) : paths.markets.checklistMarket(o.county, o.marketId)}
      editable={o.editable}
      items={items}
      values={o.values ?? checklistValues(items)}
      errors={o.errors}
      markets={markets}
      overdue={overdue}
      county={o.county}
      back={o.marketId === 0 ? undefined : paths.markets.checklistCounty(o.county)}
    />,
    { title: heading },
  );
}

async function save(c: Ctx, county: string, marketId: number) {
  const { user } = checklistCounty(c);
  const input = await readForm(c);
  const r = await saveChecklist(c.var.deps, user, { county, marketId }, input);
  if (!r.ok) {
    ensure(r.code !== "notEditable");
    const errors = r.code === "invalid" ? r.errors : Object.fromEntries(r.items.map((item) => [`evidence_${item}`, t.evidenceRequired(t.items[item])]));
    return renderChecklist(c, { county, marketId, editable: true, values: input, errors });
  }
  const back = marketId === 0 ? paths.markets.checklistCounty(county) : paths.markets.checklistMarket(county, marketId);
  return redirectWithFlash(c, back, r.changed ? t.saved : t.unchanged);
}

export function checklistRoutes(app: Hono<AppEnv>) {
  app.get(paths.markets.checklist, async (c) => {
    const user = requireAdmin(c);
    const deps = c.var.deps;
    // A county admin's overview is their county's page.
    if (user.role !== "city_admin") return c.redirect(paths.markets.checklistCounty(user.scopeCounty!), 303);
    const [done, markets, overdue] = await Promise.all([
      repo.checklistDone(deps.database.db),
      repo.allMarkets(deps.database.db),
      overdueInspections(deps.database.db, null, chinaDate(deps.clock.now())),
    ]);
    return c.render(<ChecklistOverviewPage rows={checklistOverview(deps.regions.countyOptions(), markets, done)} overdue={overdue} />, { title: t.checklistTitle });
  });

  app.get(paths.markets.checklistCountyPattern, (c) => {
    const { county, editable } = checklistCounty(c);
    return renderChecklist(c, { county, marketId: 0, editable });
  });

  app.post(paths.markets.checklistCountyPattern, (c) => {
    const { county, editable } = checklistCounty(c);
    ensure(editable);
    return save(c, county, 0);
  });

  app.get(paths.markets.checklistMarketPattern, async (c) => {
    const { county, editable } = checklistCounty(c);
    return renderChecklist(c, { county, marketId: await checklistMarket(c, county), editable });
  });

  app.post(paths.markets.checklistMarketPattern, async (c) => {
    const { county, editable } = checklistCounty(c);
    ensure(editable);
    return save(c, county, await checklistMarket(c, county));
  });
}

/** @jsxImportSource hono/jsx */
// The public side of markets: the directory (名录), each market's page and the
// Atom feed of a county's open postings.
import type { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readQuery } from "../../shared/forms.ts";
import { ensure } from "../../shared/authz.ts";
import { chinaDate } from "../../shared/clock.ts";
import { idParam, pageParam, pagesFor } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import { DirectoryPage, MarketPage } from "../../../views/markets/directory.tsx";
import { marketTiers, type MarketTier } from "../../../db/schema/constants.ts";
import { dailyFigures } from "../monitoring/index.ts";
import { namesOf, feedCounty } from "./markets.domain.ts";
import * as repo from "./markets.repo.ts";
import { policyLinks } from "./markets.policy.ts";
import { lastInspections, inspectionOutcome } from "../supervision/index.ts";
import { PER_PAGE, entryOf, directoryHref, countyFeed } from "./markets.present.ts";

const t = copy.markets;

export function directoryRoutes(app: Hono<AppEnv>) {
  app.get(paths.markets.list, async (c) => {
    const deps = c.var.deps;
    const q = readQuery(c);
    const county = typeof q.county === "string" && deps.regions.countyNames.has(q.county) ? q.county : undefined;
    const tier = (marketTiers as readonly string[]).includes(String(q.tier)) ? (q.tier as MarketTier) : undefined;
    const page = pageParam(c);
    const today = chinaDate(deps.clock.now());
    const [{ rows, total }, figures] = await Promise.all([
      repo.listMarkets(deps.database.db, { county, tier }, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
      dailyFigures(deps.database.db, today),
    ]);
    return c.render(
      <DirectoryPage
        values={{ county, tier }}
        counties={deps.regions.countyOptions()}
        tiers={marketTiers.map((x) => [x, t.tiers[x]] as const)}
        rows={rows.map((m) => entryOf(deps, m, figures.byMarket.get(m.id)))}
        total={total}
        page={page}
        pages={pagesFor(total, PER_PAGE)}
        pageHref={(n) => directoryHref({ county, tier }, n)}
        note={t.figuresNote(figures.window.from, figures.window.to)}
      />,
      { title: t.listTitle },
    );
  });

  app.get(paths.markets.showPattern, async (c) => {
    const deps = c.var.deps;
    const id = idParam(c);
    const m = await repo.findMarket(deps.database.db, id);
    ensure(!!m);
    const today = chinaDate(deps.clock.now());
    const [figures, jobs, policies, inspected] = await Promise.all([
      dailyFigures(deps.database.db, today),
      repo.postingsToday(deps.database.db, m.countyCode, today, 5),
      policyLinks(deps, m.id),
      lastInspections(deps.database.db, [m.id]),
    ]);
    const last = inspected.get(m.id);
    return c.render(
      <MarketPage
        inspection={last ? { date: last.date, outcome: inspectionOutcome(last, today) } : null}
        m={{ ...entryOf(deps, m, figures.byMarket.get(m.id)), personInCharge: m.personInCharge, facilities: namesOf(m.facilities), supervisionPhone: m.supervisionPhone, countyCode: m.countyCode }}
        note={t.figuresNote(figures.window.from, figures.window.to)}
        today={{ rows: jobs.rows, total: jobs.total, href: `${paths.jobs.list}?county=${m.countyCode}&when=today` }}
        policies={policies}
        hotline={deps.config.hotline}
      />,
      { title: m.name },
    );
  });
}

export function feedRoutes(app: Hono<AppEnv>) {
  app.get(paths.markets.feedPattern, async (c) => {
    const deps = c.var.deps;
    const county = feedCounty(c.req.param("file") ?? "");
    ensure(!!county && deps.regions.countyNames.has(county));
    const rows = await repo.feedPostings(deps.database.db, county, chinaDate(deps.clock.now()), 50);
    return c.body(countyFeed(deps, county, rows), 200, { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=300" });
  });
}

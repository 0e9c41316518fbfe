// Open data: the directory as JSON under /api/v1. Only what the public notice
// board shows and the two computed daily figures; no personal data (not the
// person in charge, no staff or worker phone: the market's own public phone
// and the supervision hotline are the only numbers).
import { Hono } from "hono";
import type { AppEnv, Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { chinaDate } from "../../shared/clock.ts";
import { NotFound } from "../../shared/errors.ts";
import { marketTiers, type MarketTier } from "../../../db/schema/constants.ts";
import { dailyFigures, type DailyFigures } from "../monitoring/index.ts";
import { namesOf } from "./markets.domain.ts";
import * as repo from "./markets.repo.ts";

export function publicMarket(deps: Deps, m: repo.Market, f: DailyFigures | undefined) {
  return {
    id: m.id,
    name: m.name,
    tier: m.tier,
    nature: m.nature,
    county: { code: m.countyCode, name: deps.regions.countyName(m.countyCode) },
    township: m.townshipCode ? { code: m.townshipCode, name: deps.regions.townshipName(m.townshipCode) } : null,
    address: m.address,
    hours: m.hours,
    phone: m.phone,
    supervisionPhone: m.supervisionPhone || deps.config.hotline,
    kinds: namesOf(m.kinds),
    facilities: namesOf(m.facilities),
    dailyAverageSeekers: f?.seekersPerDay ?? 0,
    dailyAverageHires: f?.hiresPerDay ?? 0,
    url: `${deps.config.publicUrl}${paths.markets.show(m.id)}`,
  };
}

export function marketsApi() {
  const api = new Hono<AppEnv>();

  api.get(paths.markets.api, async (c) => {
    const deps = c.var.deps;
    const county = c.req.query("county");
    const tier = c.req.query("tier");
    if (county !== undefined && !deps.regions.countyNames.has(county)) throw new NotFound("county");
    if (tier !== undefined && !(marketTiers as readonly string[]).includes(tier)) throw new NotFound("tier");
    const [rows, figures] = await Promise.all([
      repo.allMarkets(deps.database.db, { county, tier: tier as MarketTier | undefined }),
      dailyFigures(deps.database.db, chinaDate(deps.clock.now())),
    ]);
    return c.json({
      city: { code: deps.config.region.city.code, name: deps.config.region.city.name },
      averageWindow: figures.window,
      markets: rows.map((m) => publicMarket(deps, m, figures.byMarket.get(m.id))),
    });
  });

  api.get(paths.markets.apiShowPattern, async (c) => {
    const deps = c.var.deps;
    const id = Number(c.req.param("id"));
    if (!Number.isSafeInteger(id) || id <= 0) throw new NotFound("market");
    const m = await repo.findMarket(deps.database.db, id);
    if (!m) throw new NotFound("market");
    const figures = await dailyFigures(deps.database.db, chinaDate(deps.clock.now()));
    return c.json({ averageWindow: figures.window, market: publicMarket(deps, m, figures.byMarket.get(m.id)) });
  });

  return api;
}

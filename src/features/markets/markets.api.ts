// Open data: the directory as JSON under /api/v1. Only what the public notice
// board shows and the two computed daily figures; no personal data (not the
// person in charge, no staff or worker phone: the market's own public phone
// and the supervision hotline are the only numbers).
import { Hono } from "hono";
import * as v from "valibot";
import type { ApiEndpoint } from "../../shared/openapi.ts";
import { marketNatures } from "../../../db/schema/constants.ts";
import type { AppEnv, Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { chinaDate } from "../../shared/clock.ts";
import { NotFound } from "../../shared/errors.ts";
import { marketTiers, type MarketTier } from "../../../db/schema/constants.ts";
import { dailyFigures, type DailyFigures } from "../monitoring/index.ts";
import { namesOf } from "./markets.domain.ts";
import * as repo from "./markets.repo.ts";
import { lastInspections, inspectionOutcome } from "../supervision/index.ts";

export function publicMarket(deps: Deps, m: repo.Market, f: DailyFigures | undefined) {
  return {
    id: m.id,
    name: m.name,
    tier: m.tier,
    nature: m.nature,
    ...deps.regions.apiPlace(m.countyCode, m.townshipCode),
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

// --- The answers' shapes (the OpenAPI document is generated from these; tests validate real answers against them).
const Place = v.strictObject({ code: v.string(), name: v.string() });
const Window = v.strictObject({ from: v.pipe(v.string(), v.isoDate()), to: v.pipe(v.string(), v.isoDate()) });
export const MarketSchema = v.strictObject({
  id: v.pipe(v.number(), v.integer()),
  name: v.string(),
  tier: v.picklist(marketTiers),
  nature: v.picklist(marketNatures),
  county: Place,
  township: v.nullable(Place),
  address: v.string(),
  hours: v.string(),
  phone: v.string(),
  supervisionPhone: v.string(),
  kinds: v.array(v.string()),
  facilities: v.array(v.string()),
  dailyAverageSeekers: v.number(),
  dailyAverageHires: v.number(),
  url: v.string(),
});
export const MarketListSchema = v.strictObject({
  city: Place,
  averageWindow: Window,
  markets: v.array(MarketSchema),
});
export const MarketOneSchema = v.strictObject({
  averageWindow: Window,
  market: MarketSchema,
  /** The latest safety inspection (安全检查): its date and outcome only; null when never inspected. */
  lastInspection: v.nullable(v.strictObject({ date: v.pipe(v.string(), v.isoDate()), outcome: v.picklist(["passed", "open", "overdue", "rectified"]) })),
});

export const marketsApiEndpoints: ApiEndpoint[] = [
  {
    path: paths.markets.api,
    summary: "零工市场和驿站名录",
    description: "公示栏上的信息和两个按记录算出的日均数(求职人数、成交人数)。不含负责人或工作人员的个人信息。",
    params: [
      { name: "county", in: "query", description: "县(市、区)代码,6 位;不认识的代码答 404", schema: { type: "string", pattern: "^\\d{6}$" } },
      { name: "tier", in: "query", description: "层级", schema: { type: "string", enum: marketTiers } },
    ],
    response: { name: "MarketList", schema: MarketListSchema },
    notFound: true,
  },
  {
    path: paths.markets.apiShowPattern,
    summary: "一个零工市场或驿站",
    params: [{ name: "id", in: "path", description: "市场编号", schema: { type: "integer", minimum: 1 } }],
    response: { name: "Market", schema: MarketOneSchema },
    notFound: true,
  },
];

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
    const today = chinaDate(deps.clock.now());
    const [figures, inspected] = await Promise.all([dailyFigures(deps.database.db, today), lastInspections(deps.database.db, [m.id])]);
    const last = inspected.get(m.id);
    return c.json({
      averageWindow: figures.window,
      market: publicMarket(deps, m, figures.byMarket.get(m.id)),
      lastInspection: last ? { date: last.date, outcome: inspectionOutcome(last, today) } : null,
    });
  });

  return api;
}

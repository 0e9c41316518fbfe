// Demo step: supervision of the markets. Every county's own market was
// inspected in the last two months (most passed; 鄢陵县's has a rectification
// that is overdue, 禹州市's one that was put right); a few incidents near
// markets, one linked to the fraud complaint on the hotline and referred to
// the police; and roadside gathering points in three counties whose counts
// fall month by month as workers move into the halls (退路进厅).
import { and, eq } from "drizzle-orm";
import { hotlineCases, marketInspections, inspectionItemResults, marketIncidents, roadsidePoints, roadsideCounts } from "../../schema/index.ts";
import { inspectionItems, type IncidentKind } from "../../schema/constants.ts";
import { addDays, chinaDate, DAY_MS } from "../../../src/shared/clock.ts";
import type { DemoContext } from "./context.ts";

const roadside: { county: string; township: string | null; place: string; hours: string; start: number }[] = [
  { county: "411024", township: null, place: "鄢陵县人民路与花都大道交叉口西南角", hours: "每天 5:30–8:00", start: 60 },
  { county: "411024", township: null, place: "鄢陵县汽车站对面", hours: "每天 6:00–8:30", start: 25 },
  { county: "411081", township: null, place: "禹州市钧官窑路桥头", hours: "每天 5:00–7:30", start: 45 },
  { county: "411082", township: null, place: "长葛市金桥路劳务市场旧址门口", hours: "每天 5:30–7:30", start: 35 },
];

export async function seedSupervision(ctx: DemoContext) {
  const { deps, rand } = ctx;
  const now = deps.clock.now();
  const today = chinaDate(now);
  const cityAdmin = ctx.accounts.get("city_admin")!.id;

  await deps.database.transaction(async (tx) => {
    for (const [county, ids] of ctx.markets) {
      const marketId = ids[0];
      const by = ctx.accounts.get(`staff:${county}`)?.id ?? cityAdmin;
      const story = county === "411024" ? "overdue" : county === "411081" ? "rectified" : "passed";
      // An older inspection that passed, and a recent one.
      for (const [daysAgo, kind] of [[55, "passed"], [12, story]] as const) {
        const date = addDays(today, -daysAgo);
        const failed = kind === "passed" ? null : kind === "overdue" ? "fire" : "shelter";
        const [i] = await tx
          .insert(marketInspections)
          .values({
            marketId,
            date,
            inspectors: "县人社局就业促进科、县应急管理局",
            findings: failed ? (failed === "fire" ? "二楼楼梯口灭火器过期两具,安全出口标志灯不亮。" : "候工区遮阳棚破损,雨天没有地方避雨。") : "",
            rectifyBy: failed ? addDays(date, 7) : null,
            rectifiedAt: kind === "rectified" ? now - 4 * DAY_MS : null,
            rectifiedNote: kind === "rectified" ? "遮阳棚已更换,县人社局复查合格。" : "",
            createdBy: by,
            createdAt: now - daysAgo * DAY_MS,
          })
          .returning({ id: marketInspections.id });
        await tx.insert(inspectionItemResults).values(
          inspectionItems.map((item) => ({ inspectionId: i.id, item, passed: item !== failed, note: item === failed ? (item === "fire" ? "灭火器过期,标志灯不亮" : "遮阳棚破损") : "" })),
        );
      }
    }

    const [fraud] = await tx.select({ id: hotlineCases.id, marketId: hotlineCases.marketId, day: hotlineCases.day }).from(hotlineCases).where(and(eq(hotlineCases.category, "fraud"))).limit(1);
    const incidents: { county: string; kind: IncidentKind; daysAgo: number; time: string; place: string; text: string; police: boolean; caseId?: number }[] = [
      { county: "411024", kind: "fraud", daysAgo: 20, time: "06:40", place: "市场大门东侧", text: "一男子自称能介绍进厂,收取 300 元“介绍费”后失联。", police: true, caseId: fraud?.id },
      { county: "411024", kind: "provocation", daysAgo: 9, time: "07:10", place: "候工区", text: "两名工人为争一个活推搡,工作人员劝开,没有人受伤。", police: false },
      { county: "411081", kind: "forced_trade", daysAgo: 33, time: "05:50", place: "市场外路边", text: "有人拦住工人,要求必须坐他的车去工地并交车费。", police: true },
      { county: "411081", kind: "traffic", daysAgo: 5, time: "07:30", place: "市场门口路口", text: "电动车与面包车轻微剐蹭,双方自行协商。", police: false },
    ];
    const incidentRows = incidents.flatMap((x) => {
      const marketId = ctx.markets.get(x.county)?.[0];
      if (!marketId) return [];
      return [{
        marketId, kind: x.kind, date: addDays(today, -x.daysAgo), time: x.time, place: x.place, description: x.text,
        hotlineCaseId: x.caseId ?? null, policeReferred: x.police, createdBy: ctx.accounts.get(`staff:${x.county}`)?.id ?? cityAdmin, createdAt: now - x.daysAgo * DAY_MS,
      }];
    });
    if (incidentRows.length) await tx.insert(marketIncidents).values(incidentRows);

    // Roadside points: counted about every two weeks for four months, fewer people each month.
    for (const r of roadside) {
      if (!ctx.markets.has(r.county)) continue;
      const by = ctx.accounts.get(`county_admin:${r.county}`)?.id ?? cityAdmin;
      const [p] = await tx
        .insert(roadsidePoints)
        .values({ countyCode: r.county, townshipCode: r.township, place: r.place, usualHours: r.hours, nearestMarketId: ctx.markets.get(r.county)![0], createdBy: by, createdAt: now - 120 * DAY_MS })
        .returning({ id: roadsidePoints.id });
      const counts = [];
      for (let daysAgo = 118; daysAgo >= 2; daysAgo -= 14) {
        const share = daysAgo / 120; // falls toward today
        counts.push({ pointId: p.id, date: addDays(today, -daysAgo), people: Math.max(0, Math.round(r.start * (0.25 + 0.75 * share) + (rand() * 6 - 3))), createdBy: by, createdAt: now - daysAgo * DAY_MS });
      }
      await tx.insert(roadsideCounts).values(counts);
    }
  });
}

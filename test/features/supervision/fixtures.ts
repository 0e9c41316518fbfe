// Supervision records made directly in the DB (the fixture path, not the forms).
import type { TestApp } from "../../helpers/app.ts";
import { marketInspections, inspectionItemResults, roadsidePoints, roadsideCounts } from "../../../db/schema/index.ts";

export async function addInspection(t: TestApp, o: { marketId: number; by: number; date: string; rectifyBy?: string | null; failed?: boolean; rectifiedAt?: number | null }) {
  return t.deps.database.transaction(async (tx) => {
    const [i] = await tx
      .insert(marketInspections)
      .values({ marketId: o.marketId, date: o.date, inspectors: "县人社局 李科长", rectifyBy: o.rectifyBy ?? null, rectifiedAt: o.rectifiedAt ?? null, createdBy: o.by, createdAt: t.clock.now() })
      .returning({ id: marketInspections.id });
    await tx.insert(inspectionItemResults).values([
      { inspectionId: i.id, item: "fire", passed: !o.failed, note: o.failed ? "灭火器过期" : "" },
      { inspectionId: i.id, item: "order", passed: true, note: "" },
    ]);
    return i.id;
  });
}

export async function addPoint(t: TestApp, o: { countyCode: string; by: number; place?: string; counts?: [string, number][] }) {
  return t.deps.database.transaction(async (tx) => {
    const [p] = await tx.insert(roadsidePoints).values({ countyCode: o.countyCode, place: o.place ?? "建设路口", createdBy: o.by, createdAt: t.clock.now() }).returning({ id: roadsidePoints.id });
    if (o.counts?.length) await tx.insert(roadsideCounts).values(o.counts.map(([date, people]) => ({ pointId: p.id, date, people, createdBy: o.by, createdAt: t.clock.now() })));
    return p.id;
  });
}

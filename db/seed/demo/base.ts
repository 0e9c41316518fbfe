// Demo step 1: markets and stations in every county, and the staff and admin
// accounts that run them.
import { markets } from "../../schema/index.ts";
import { hashSecret } from "../../../src/shared/crypto.ts";
import { insertUser } from "../../../src/features/accounts/index.ts";
import type { DemoContext } from "./context.ts";

export const DEMO_PASSWORD = "demo-2026";

const stationSuffix = ["零工驿站", "社区零工驿站"];

export async function seedBase(ctx: DemoContext) {
  const { deps } = ctx;
  const now = deps.clock.now();
  const region = deps.config.region;
  const rows: (typeof markets.$inferInsert)[] = [];
  rows.push({
    name: `${region.city.name}零工市场`,
    tier: "city",
    countyCode: region.counties[0].code,
    address: `${region.city.name}魏都区新兴路人力资源市场一楼`,
    hours: "每天 6:00-18:00",
    phone: "0374-2961234",
    supervisionPhone: deps.config.hotline,
    personInCharge: "陈主任",
    kinds: JSON.stringify(region.workKinds.slice(0, 8)),
    facilities: JSON.stringify(["洽谈区", "遮风避雨", "防暑防寒", "饮水", "停车"]),
    createdAt: now,
  });
  for (const [i, c] of region.counties.entries()) {
    rows.push({
      name: `${c.name}零工市场`,
      tier: "county",
      countyCode: c.code,
      address: `${c.name}人力资源和社会保障局一楼大厅`,
      hours: "每天 6:30-17:30",
      phone: `0374-62${String(10000 + i * 1111).slice(-5)}`,
      supervisionPhone: deps.config.hotline,
      personInCharge: ctx.pick(["王", "李", "张", "刘", "陈"]) + "科长",
      kinds: JSON.stringify(region.workKinds.slice(i % 4, (i % 4) + 6)),
      facilities: JSON.stringify(["洽谈区", "遮风避雨", "饮水"]),
      createdAt: now,
    });
    for (const tw of region.townships.filter((t) => t.countyCode === c.code).slice(0, 2)) {
      rows.push({
        name: `${tw.name}${stationSuffix[rows.length % 2]}`,
        tier: "station",
        countyCode: c.code,
        townshipCode: tw.code,
        address: `${c.name}${tw.name}便民服务中心`,
        hours: "周一至周六 7:00-12:00",
        phone: `0374-63${String(20000 + rows.length * 37).slice(-5)}`,
        supervisionPhone: deps.config.hotline,
        personInCharge: ctx.pick(["周", "吴", "郑", "孙"]) + "站长",
        kinds: JSON.stringify(region.workKinds.slice(rows.length % 8, (rows.length % 8) + 4)),
        facilities: JSON.stringify(["遮风避雨", "饮水"]),
        createdAt: now,
      });
    }
  }
  rows.push({ name: "零工超市(线上,24小时)", tier: "online", countyCode: region.counties[0].code, hours: "24 小时", createdAt: now, supervisionPhone: deps.config.hotline });
  const created = await deps.database.write((db) => db.insert(markets).values(rows).returning({ id: markets.id, countyCode: markets.countyCode }));
  for (const m of created) ctx.markets.set(m.countyCode, [...(ctx.markets.get(m.countyCode) ?? []), m.id]);

  const hash = await hashSecret(DEMO_PASSWORD);
  const people: { key: string; label: string; role: "city_admin" | "county_admin" | "staff"; name: string; county?: string; market?: number }[] = [
    { key: "city_admin", label: "市级管理员", role: "city_admin", name: "刘主任" },
  ];
  for (const c of region.counties) {
    const [countyMarket, station] = ctx.markets.get(c.code) ?? [];
    people.push({ key: `county_admin:${c.code}`, label: `${c.name}管理员`, role: "county_admin", name: `${c.name.slice(0, 2)}管理员`, county: c.code });
    if (countyMarket) people.push({ key: `staff:${c.code}`, label: `${c.name}零工市场工作人员`, role: "staff", name: `${c.name.slice(0, 2)}干事`, market: countyMarket });
    if (station) people.push({ key: `station:${c.code}`, label: `${c.name}驿站工作人员`, role: "staff", name: `${c.name.slice(0, 2)}站长`, market: station });
  }
  let n = 1;
  await deps.database.write(async (db) => {
    for (const p of people) {
      const phone = `1380000${String(n++).padStart(4, "0")}`;
      const [row] = await insertUser(db, { role: p.role, phone, name: p.name, passwordHash: hash, countyCode: p.county ?? null, marketId: p.market ?? null }, now);
      ctx.accounts.set(p.key, { id: row.id, phone, secret: DEMO_PASSWORD, label: p.label });
    }
  });
}

// Demo step: the station desks. At the first station of every county, a few
// older walk-ins that staff registered and who have waited weeks for work
// (check-ins over the last 60 days, no hire): the help queue's people, some
// with a consented sensitive category and a trail of contact attempts. Today's
// check-ins at every station, and each station's fair-order rule: by arrival,
// priority first, or a draw done this morning with its seed.
import { and, eq, inArray } from "drizzle-orm";
import {
  users, workerProfiles, workerKinds, workKinds, checkIns, markets, priorityConsents, contactLogs, deskStationRules, fairDraws, auditLog,
  type FairOrderRule, type ContactOutcome,
} from "../../schema/index.ts";
import { addDays, chinaDate } from "../../../src/shared/clock.ts";
import { newCardCode } from "../../../src/features/workers/index.ts";
import { completeResidentId } from "../../../src/features/employers/index.ts";
import { drawOrder } from "../../../src/features/desk/index.ts";
import { copy } from "../../../views/copy/index.ts";
import type { DemoContext } from "./context.ts";

const t = copy.desk;
const WALK_INS_PER_COUNTY = 4;
const rules: FairOrderRule[] = ["priority", "draw", "checkin"];
const notes: Partial<Record<ContactOutcome, string[]>> = {
  called: ["问了最近能不能干活,说能", "说腿好些了,想找轻活"],
  referred: ["推荐了附近的活,让明早去", "介绍去花木基地"],
  no_answer: ["打了两次没人接", "家人说出门了"],
  hired: ["已经上岗,干得不错"],
};

export async function seedDesk(ctx: DemoContext) {
  const { deps, rand, pick } = ctx;
  const db = deps.database.db;
  const now = deps.clock.now();
  const today = chinaDate(now);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const region = deps.config.region;
  const stations = await db.select({ id: markets.id, countyCode: markets.countyCode, townshipCode: markets.townshipCode }).from(markets).where(eq(markets.tier, "station")).orderBy(markets.id);
  const kinds = await db.select({ id: workKinds.id, name: workKinds.name }).from(workKinds);
  const surnames = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高".split("");
  const given = ["老汉", "大娘", "秀芝", "保全", "凤兰", "有才", "桂香", "铁牛", "二妮", "满仓"];

  // Walk-ins registered at the first station of each county, by its staff member.
  type WalkIn = { phone: string; name: string; county: string; township: string | null; market: number; staff: number | null; birthYear: number; idNumber: string | null };
  const walkIns: WalkIn[] = [];
  let n = 0;
  for (const c of region.counties) {
    const station = stations.find((s) => s.countyCode === c.code);
    if (!station) continue;
    const staff = ctx.accounts.get(`station:${c.code}`)?.id ?? ctx.accounts.get(`staff:${c.code}`)?.id ?? null;
    for (let i = 0; i < WALK_INS_PER_COUNTY; i++) {
      const birthYear = int(1953, 1972);
      n++;
      walkIns.push({
        phone: `1583740${String(n).padStart(4, "0")}`,
        name: pick(surnames) + pick(given),
        county: c.code,
        township: station.townshipCode,
        market: station.id,
        staff,
        birthYear,
        // Half came with their ID card.
        idNumber: rand() < 0.5 ? completeResidentId(`${c.code}${birthYear}${String(int(1, 12)).padStart(2, "0")}${String(int(1, 28)).padStart(2, "0")}${String(100 + n).slice(-3)}`) : null,
      });
    }
  }
  const taken = new Set((await db.select({ phone: users.phone }).from(users).where(inArray(users.phone, walkIns.map((w) => w.phone)))).map((r) => r.phone));
  const fresh = walkIns.filter((w) => !taken.has(w.phone));

  await deps.database.transaction(async (tx) => {
    const registeredAt = now - 62 * 86_400_000;
    const made = fresh.length
      ? await tx
          .insert(users)
          .values(fresh.map((w) => ({ role: "worker" as const, phone: w.phone, name: w.name, countyCode: w.county, createdAt: registeredAt, createdBy: w.staff })))
          .returning({ id: users.id, phone: users.phone })
      : [];
    const idOf = new Map(made.map((m) => [m.phone, m.id]));
    const codes = new Set<string>();
    const code = () => {
      let c: string;
      do c = newCardCode(rand);
      while (codes.has(c));
      codes.add(c);
      return c;
    };
    if (made.length) {
      await tx.insert(workerProfiles).values(
        fresh.map((w) => ({
          userId: idOf.get(w.phone)!,
          birthYear: w.birthYear,
          countyCode: w.county,
          townshipCode: w.township,
          idNumber: w.idNumber,
          cardCode: code(),
          ownPhone: rand() < 0.6,
          viaStaffId: w.staff,
          viaMarketId: w.market,
          createdAt: registeredAt,
          updatedAt: registeredAt,
        })),
      ).onConflictDoNothing();
      await tx.insert(workerKinds).values(fresh.map((w) => ({ userId: idOf.get(w.phone)!, kindId: pick(kinds).id }))).onConflictDoNothing();
      await tx.insert(auditLog).values(
        fresh.map((w) => ({ at: registeredAt, actorId: w.staff, marketId: w.market, action: "desk.register", subjectType: "user", subjectId: idOf.get(w.phone)!, onBehalfOf: idOf.get(w.phone)! })),
      );
    }

    // They came back every few days for the last 60 days, and nobody took them on.
    const visits: (typeof checkIns.$inferInsert)[] = [];
    for (const w of fresh) {
      const id = idOf.get(w.phone)!;
      for (let back = int(45, 60); back >= 1; back -= int(2, 6)) {
        const day = addDays(today, -back);
        visits.push({ marketId: w.market, workerId: id, day, at: Date.parse(`${day}T07:${String(int(0, 59)).padStart(2, "0")}:00+08:00`), viaStaffId: w.staff });
      }
    }

    // Today at every station: a handful of the county's workers and most walk-ins.
    const localWorkers = ctx.ids.workers?.length
      ? await tx.select({ id: workerProfiles.userId, countyCode: workerProfiles.countyCode }).from(workerProfiles).where(inArray(workerProfiles.userId, ctx.ids.workers))
      : [];
    const todayAt = new Map<number, { workerId: number; at: number }[]>();
    const cameToday = new Set<number>();
    for (const s of stations) {
      const staff = ctx.accounts.get(`station:${s.countyCode}`)?.id ?? null;
      const pool = [...localWorkers.filter((w) => w.countyCode === s.countyCode).map((w) => w.id), ...fresh.filter((w) => w.market === s.id && rand() < 0.8).map((w) => idOf.get(w.phone)!)];
      const arrivals: { workerId: number; at: number }[] = [];
      for (let i = 0; i < int(4, 8) && pool.length; i++) {
        const id = pool.splice(Math.floor(rand() * pool.length), 1)[0];
        if (cameToday.has(id)) continue;
        cameToday.add(id);
        // Within the last three hours, but today (a demo loaded at dawn still has its early birds).
        const at = Math.max(Date.parse(`${today}T00:00:00+08:00`) + int(1, 30) * 60_000, now - int(5, 180) * 60_000);
        if (at > now) continue;
        arrivals.push({ workerId: id, at });
        visits.push({ marketId: s.id, workerId: id, day: today, at, viaStaffId: staff });
      }
      todayAt.set(s.id, arrivals);
    }
    if (visits.length) await tx.insert(checkIns).values(visits).onConflictDoNothing();

    // Sensitive categories only with the worker's recorded consent: one in four low income, one in four disabled.
    const consents: (typeof priorityConsents.$inferInsert)[] = [];
    fresh.forEach((w, i) => {
      const category = i % 4 === 0 ? "low_income" : i % 4 === 1 ? "disabled" : null;
      if (!category || !w.staff) return;
      consents.push({ workerId: idOf.get(w.phone)!, category, consentText: t.consentText[category], consentedAt: now - int(20, 40) * 86_400_000, recordedBy: w.staff, marketId: w.market });
    });
    if (consents.length) await tx.insert(priorityConsents).values(consents).onConflictDoNothing();

    // Staff kept calling them.
    const contacts: (typeof contactLogs.$inferInsert)[] = [];
    for (const w of fresh) {
      if (!w.staff) continue;
      for (let k = int(0, 3); k > 0; k--) {
        const outcome = pick(["called", "referred", "no_answer"] as const);
        contacts.push({ workerId: idOf.get(w.phone)!, postingId: null, outcome, note: pick(notes[outcome] ?? [""]), at: now - int(1, 30) * 86_400_000 - int(0, 8) * 3600_000, staffId: w.staff, marketId: w.market });
      }
    }
    if (contacts.length) await tx.insert(contactLogs).values(contacts);

    // Each station's rule; where it is the draw, this morning's draw with its seed.
    const ruleRows = stations.map((s, i) => ({ marketId: s.id, fairOrder: rules[i % rules.length], updatedAt: now - 30 * 86_400_000, updatedBy: ctx.accounts.get(`station:${s.countyCode}`)?.id ?? null }));
    if (ruleRows.length) await tx.insert(deskStationRules).values(ruleRows).onConflictDoNothing();
    const draws = ruleRows
      .filter((r) => r.fairOrder === "draw" && (todayAt.get(r.marketId)?.length ?? 0) > 0)
      .map((r) => {
        const seed = Math.floor(rand() * 2 ** 32);
        const arrived = todayAt.get(r.marketId)!;
        return {
          marketId: r.marketId,
          day: today,
          seed,
          workerIds: JSON.stringify(drawOrder(arrived.map((a) => a.workerId), seed)),
          drawnAt: Math.max(...arrived.map((a) => a.at)) + 60_000,
          drawnBy: r.updatedBy,
        };
      });
    if (draws.length) await tx.insert(fairDraws).values(draws).onConflictDoNothing();
  });

  const ids = (await db.select({ id: users.id }).from(users).where(and(eq(users.role, "worker"), inArray(users.phone, fresh.map((w) => w.phone))))).map((r) => r.id);
  ctx.ids.deskWalkIns = ids;
}

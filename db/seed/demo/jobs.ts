// Demo step: the gig market. Open postings in every county for the work people
// there really do (钧瓷 in 禹州, 花木 in 鄢陵, 发制品 in 建安, 家政保洁
// everywhere), some for today (即时快招), some asking for quotes (管道疏通,
// 水电安装); sign-ups, confirmed hires, and finished work with "paid" answers
// (a few past hires are left unanswered for the hotline step to use). Runs
// after the "people" step; if that step did not run, it makes a few employers
// and workers itself. Every table gets one multi-row insert, and the keyword
// index is filled for every posting.
import { inArray, sql } from "drizzle-orm";
import { applications, brands, employers, hires, jobPostings, postingBrands, users, workerProfiles, workKinds } from "../../schema/index.ts";
import type { EmploymentForm, WageUnit, PostingStatus, ApplicationStatus, HireStatus } from "../../schema/constants.ts";
import { hashSecret } from "../../../src/shared/crypto.ts";
import { addDays, chinaDate, DAY_MS } from "../../../src/shared/clock.ts";
import { grams, searchText } from "../../../src/features/jobs/index.ts";
import { notifyStatements } from "../../../src/features/messages/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { paths } from "../../../src/paths.ts";
import { DEMO_PASSWORD } from "./base.ts";
import type { DemoContext } from "./context.ts";

/** A kind of posting: wage unit and range in yuan (null = 询价), form, hours, duties, requirements, brand. */
interface Template {
  kind: string;
  titles: string[];
  pay: [WageUnit, number, number] | null;
  form?: EmploymentForm;
  hours: string;
  duties: string;
  requirements?: string;
  brand?: string;
  headcount?: [number, number];
  days?: [number, number];
}

const templates: Template[] = [
  { kind: "家政保洁", titles: ["家里打扫卫生,两室一厅", "新房开荒保洁", "擦玻璃、清洗油烟机", "老人家里每周打扫一次"], pay: ["hour", 25, 40], hours: "上午 8:00-12:00", duties: "擦窗、拖地、整理厨房和卫生间,工具雇主提供。", requirements: "做事仔细,有保洁经验优先", headcount: [1, 2], days: [0, 2] },
  { kind: "钟点工", titles: ["每天上午做饭打扫", "接送孩子并做晚饭"], pay: ["hour", 25, 35], form: "part_time", hours: "每天 3 小时", duties: "买菜做饭、简单打扫,离家近的优先。", headcount: [1, 1], days: [20, 60] },
  { kind: "管道疏通", titles: ["厨房下水道堵了", "卫生间马桶疏通", "小区化粪池管道清理"], pay: null, hours: "越快越好", duties: "请自带工具上门疏通,说清楚报价含不含材料。", headcount: [1, 1], days: [0, 2] },
  { kind: "水电安装", titles: ["老房水电改造,请报价", "换灯具和插座", "卫生间漏水维修"], pay: null, hours: "白天", duties: "上门看现场后报价,材料可以雇主买也可以师傅带。", requirements: "有电工证", headcount: [1, 1], days: [1, 5] },
  { kind: "装修维修", titles: ["刮腻子刷墙", "贴瓷砖", "门窗维修"], pay: ["day", 200, 320], hours: "8:00-17:00", duties: "按雇主要求施工,干完当天结账。", headcount: [1, 3], days: [2, 10] },
  { kind: "搬运装卸", titles: ["物流园卸货", "搬家帮手", "建材装车"], pay: ["day", 150, 220], hours: "7:00-17:00", duties: "装卸货物,需要力气,管午饭。", requirements: "身体好,能干重活", headcount: [2, 8], days: [0, 3] },
  { kind: "建筑小工", titles: ["工地小工,和灰搬砖", "拆旧清理建筑垃圾"], pay: ["day", 160, 230], hours: "7:00-18:00", duties: "和灰、搬砖、清理现场,安全帽工地发。", requirements: "60 岁以下", headcount: [2, 10], days: [3, 20] },
  { kind: "餐饮服务", titles: ["饭店帮厨", "洗碗配菜", "周末婚宴服务员"], pay: ["day", 100, 150], hours: "10:00-14:00, 17:00-21:00", duties: "配菜、洗碗、收拾桌子,管两顿饭。", headcount: [1, 4], days: [1, 30] },
  { kind: "会展活动服务", titles: ["展会搭建和引导", "运动会志愿引导"], pay: ["day", 120, 180], form: "event", hours: "7:30-18:00", duties: "搭展台、发资料、引导观众,统一发工作服。", headcount: [10, 40], days: [1, 3] },
  { kind: "农业采摘", titles: ["草莓采摘", "红薯收获装袋", "大棚蔬菜采收"], pay: ["day", 80, 120], hours: "6:30-12:00", duties: "采摘、分拣、装筐,地头结账。", headcount: [5, 20], days: [2, 15] },
  { kind: "养老护理", titles: ["康养中心护理员", "住家照顾老人"], pay: ["month", 3500, 5500], form: "long_term", hours: "做六休一", duties: "照顾老人起居、喂饭、翻身,有培训。", requirements: "有护理证优先,有耐心", headcount: [1, 3], days: [60, 150] },
  { kind: "即时配送", titles: ["午高峰送餐", "同城跑腿送件"], pay: ["piece", 5, 8], hours: "11:00-14:00", duties: "按单配送,自备电动车,单价另有冲单奖励。", headcount: [3, 10], days: [5, 30] },
];

/** What each county is known for: kind, titles, brand (the local labour brands). */
const localTemplates: Record<string, Template[]> = {
  "411081": [
    { kind: "钧瓷制作", titles: ["钧瓷窑口招拉坯工", "装窑出窑小工", "钧瓷施釉工"], pay: ["day", 150, 260], hours: "7:30-17:30", duties: "在神垕古镇窑口干活,拉坯、施釉或装窑出窑,老师傅带。", requirements: "干过窑上活的优先", brand: "禹州钧瓷", headcount: [1, 4], days: [5, 60] },
    { kind: "药材加工", titles: ["中药材挑拣切片", "药材晾晒翻晒"], pay: ["day", 90, 140], hours: "8:00-17:00", duties: "挑拣、切片、晾晒中药材,按斤计也可以。", brand: "禹州药工", headcount: [3, 12], days: [3, 30] },
  ],
  "411024": [
    { kind: "花木养护", titles: ["苗圃修剪浇水", "起苗装车", "腊梅园除草施肥"], pay: ["day", 100, 150], hours: "7:00-17:00", duties: "修剪、浇水、打药、起苗装车,基地管午饭。", requirements: "会用剪枝工具", brand: "鄢陵花木", headcount: [2, 15], days: [2, 30] },
    { kind: "养老护理", titles: ["温泉康养中心护理员"], pay: ["month", 3800, 5200], form: "long_term", hours: "做六休一", duties: "照顾入住老人的起居,有岗前培训。", brand: "鄢陵康养", headcount: [2, 5], days: [60, 150] },
  ],
  "411003": [
    { kind: "发制品加工", titles: ["发条梳理工", "勾发工(可在家做)", "假发分拣"], pay: ["piece", 2, 6], hours: "时间自由", duties: "梳理、勾发、分拣,按件计酬,可以领回家做。", brand: "建安档发", headcount: [5, 30], days: [10, 60] },
  ],
  "411025": [
    { kind: "餐饮服务", titles: ["襄城拉面馆招帮厨", "拉面学徒"], pay: ["day", 100, 160], hours: "9:00-21:00", duties: "和面、配菜、打杂,师傅教拉面。", brand: "襄城拉面", headcount: [1, 3], days: [10, 60] },
  ],
  "411002": [
    { kind: "即时配送", titles: ["魏都区送餐骑手", "商超即时配送"], pay: ["piece", 5, 8], hours: "10:30-20:30", duties: "按单配送,熟悉魏都区道路。", brand: "魏都即配", headcount: [3, 10], days: [5, 30] },
  ],
};

const contacts = ["王", "李", "张", "刘", "陈", "杨", "赵", "周"];

export async function seedJobs(ctx: DemoContext) {
  const { deps, rand, pick } = ctx;
  const now = deps.clock.now();
  const today = chinaDate(now);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const region = deps.config.region;

  if (!ctx.ids.verifiedEmployers?.length || !ctx.ids.workers?.length) await makePeople(ctx);
  const db = deps.database.db;
  const employerRows = await db
    .select({ id: employers.id, userId: employers.userId, countyCode: employers.countyCode, townshipCode: employers.townshipCode, address: employers.address, contactName: employers.contactName, contactPhone: employers.contactPhone })
    .from(employers)
    .where(inArray(employers.id, ctx.ids.verifiedEmployers));
  const workerRows = await db
    .select({ id: users.id, phone: users.phone, countyCode: workerProfiles.countyCode })
    .from(users)
    .leftJoin(workerProfiles, sql`${workerProfiles.userId} = ${users.id}`)
    .where(inArray(users.id, ctx.ids.workers));
  const kindId = new Map((await db.select().from(workKinds)).map((k) => [k.name, k.id]));
  const brandId = new Map((await db.select().from(brands)).map((b) => [b.name, b.id]));

  interface Spec {
    row: typeof jobPostings.$inferInsert;
    brand?: number;
    kindName: string;
    /** How many sign-ups, and how many of them confirmed. */
    applied: number;
    confirmed: number;
    hireStatus: HireStatus;
    paid: "paid" | null;
  }
  const specs: Spec[] = [];

  for (const county of region.counties) {
    const here = employerRows.filter((e) => e.countyCode === county.code);
    if (!here.length) continue;
    const stations = ctx.markets.get(county.code) ?? [];
    const stationStaff = ctx.accounts.get(`station:${county.code}`)?.id ?? null;
    const townships = region.townships.filter((t) => t.countyCode === county.code);
    const local = localTemplates[county.code] ?? [];
    const pool = [...local, ...local, ...templates];
    const n = 22 + int(0, 8);
    for (let i = 0; i < n; i++) {
      // Everyone needs cleaners: every county gets 家政保洁 first.
      const tpl = i === 0 ? templates[0] : i === 1 ? templates[2] : i === 2 ? templates[3] : pick(pool);
      const e = pick(here);
      const form = tpl.form ?? "gig";
      // About a fifth are in the past (finished work), a few for today only (quick), the rest open.
      const phase = i < 3 ? "open" : rand() < 0.22 ? "past" : rand() < 0.18 ? "quick" : "open";
      const [d0, d1] = tpl.days ?? [1, 7];
      let length = int(d0, d1);
      if (form === "gig") length = Math.min(length, 150);
      const start = phase === "quick" ? today : phase === "past" ? addDays(today, -(length + int(2, 30))) : addDays(today, int(-2, 5));
      const planned = addDays(start, length);
      // Open work has not ended yet.
      const end = phase === "quick" ? today : phase === "open" && planned < today ? addDays(today, int(0, 3)) : planned;
      const payMode = tpl.pay ? "wage" : "quote";
      const headcount = payMode === "quote" ? 1 : int(...(tpl.headcount ?? [1, 5]));
      const wageFen = tpl.pay ? Math.round(int(tpl.pay[1], tpl.pay[2]) / (tpl.pay[2] >= 50 ? 5 : 1)) * (tpl.pay[2] >= 50 ? 5 : 1) * 100 : null;
      const township = e.townshipCode ?? (rand() < 0.7 ? pick(townships)?.code ?? null : null);
      const title = phase === "quick" ? copy.jobs.quickPostingTitle(tpl.kind) : pick(tpl.titles);
      const publishedAt = phase === "past" ? Date.parse(`${start}T08:00:00+08:00`) - int(1, 3) * DAY_MS : phase === "quick" ? now - int(10, 180) * 60_000 : now - int(1, 240) * 3600_000;
      const viaStation = rand() < 0.12 && stations.length > 1 && stationStaff !== null;
      const address = phase === "quick" ? `${e.address}(到了打电话)` : e.address;
      const text = searchText({ title, kindName: tpl.kind, duties: tpl.duties, requirements: tpl.requirements ?? "", address, countyName: county.name, townshipName: deps.regions.townshipName(township) });
      // Past work was filled (or closed short); a third of open postings already have people confirmed.
      const confirmed = phase === "past" ? Math.min(headcount, int(1, 3)) : rand() < 0.35 ? Math.min(headcount - 1, int(1, 2)) : 0;
      const status: PostingStatus = phase === "past" ? (confirmed >= headcount ? "filled" : pick(["closed", "expired"] as const)) : confirmed >= headcount ? "filled" : "open";
      specs.push({
        kindName: tpl.kind,
        brand: tpl.brand ? brandId.get(tpl.brand) : undefined,
        applied: phase === "past" ? int(0, 1) : payMode === "quote" ? int(1, 4) : int(0, 3),
        confirmed: Math.max(0, confirmed),
        hireStatus: phase === "past" ? "completed" : start <= today ? "working" : "confirmed",
        paid: phase === "past" && rand() < 0.75 ? "paid" : null,
        row: {
          employerId: e.id,
          title,
          kindId: kindId.get(tpl.kind)!,
          form,
          headcount,
          payMode,
          wageFen,
          wageUnit: tpl.pay ? tpl.pay[0] : null,
          startDate: start,
          endDate: end,
          hours: tpl.hours,
          countyCode: county.code,
          townshipCode: township,
          address,
          duties: phase === "quick" ? "" : tpl.duties,
          requirements: phase === "quick" ? "" : tpl.requirements ?? "",
          contactName: e.contactName || `${pick(contacts)}先生`,
          contactPhone: e.contactPhone,
          quick: phase === "quick",
          status,
          filledCount: Math.max(0, confirmed),
          viaStaffId: viaStation ? stationStaff : null,
          viaMarketId: viaStation ? stations[1] : null,
          createdAt: publishedAt - 600_000,
          publishedAt,
          updatedAt: publishedAt,
          searchText: text,
        },
      });
    }
  }

  const workersIn = (county: string) => {
    const local = workerRows.filter((w) => w.countyCode === county);
    return local.length >= 6 ? local : workerRows;
  };

  await deps.database.transaction(async (tx) => {
    const created = await tx.insert(jobPostings).values(specs.map((s) => s.row)).returning({ id: jobPostings.id });
    const ids = created.map((c) => c.id);
    const tags = specs.flatMap((s, i) => (s.brand ? [{ postingId: ids[i], brandId: s.brand }] : []));
    if (tags.length) await tx.insert(postingBrands).values(tags);
    await tx.run(sql`INSERT INTO posting_search (rowid, grams) VALUES ${sql.join(specs.map((s, i) => sql`(${ids[i]}, ${grams(s.row.searchText!)})`), sql`, `)}`);

    // Sign-ups: distinct workers per posting, the first `confirmed` of them confirmed.
    const appRows: (typeof applications.$inferInsert)[] = [];
    specs.forEach((s, i) => {
      const candidates = [...workersIn(s.row.countyCode)].sort(() => rand() - 0.5).slice(0, s.confirmed + s.applied);
      candidates.forEach((w, k) => {
        const isConfirmed = k < s.confirmed;
        const waitingOn = s.row.status === "open";
        const status: ApplicationStatus = isConfirmed ? "confirmed" : waitingOn ? "applied" : "not_chosen";
        const quoteFen = s.row.payMode === "quote" ? int(8, 40) * 1000 : null;
        appRows.push({
          postingId: ids[i],
          workerId: w.id,
          status,
          quoteFen,
          quoteNote: quoteFen ? pick(["自带工具,一小时内到", "含材料,保修三个月", "看现场后再定,先按这个价"]) : null,
          // Nothing happened in the future: recent postings' sign-ups and decisions stop a minute or two ago.
          createdAt: Math.min(s.row.publishedAt! + int(5, 300) * 60_000, now - 120_000),
          decidedAt: status === "applied" ? null : Math.min(s.row.publishedAt! + int(301, 900) * 60_000, now - 60_000),
        });
      });
    });
    const apps = await tx.insert(applications).values(appRows).returning({ id: applications.id, postingId: applications.postingId, workerId: applications.workerId, status: applications.status, quoteFen: applications.quoteFen, decidedAt: applications.decidedAt });

    const specById = new Map(ids.map((id, i) => [id, specs[i]]));
    const placeOf = (r: typeof jobPostings.$inferInsert) =>
      [deps.regions.countyName(r.countyCode), deps.regions.townshipName(r.townshipCode), r.address].filter(Boolean).join(" ");
    const hireRows: (typeof hires.$inferInsert)[] = apps
      .filter((a) => a.status === "confirmed")
      .map((a) => {
        const s = specById.get(a.postingId)!;
        const r = s.row;
        const quote = r.payMode === "quote";
        return {
          applicationId: a.id,
          postingId: a.postingId,
          employerId: r.employerId,
          workerId: a.workerId,
          wageFen: quote ? a.quoteFen! : r.wageFen!,
          wageUnit: quote ? "piece" : r.wageUnit!,
          startDate: r.startDate,
          endDate: r.endDate,
          place: placeOf(r),
          duties: r.duties ?? "",
          status: s.hireStatus,
          paid: s.paid,
          paidAnsweredAt: s.paid ? Math.min(Date.parse(`${addDays(r.endDate, 1)}T19:00:00+08:00`), now - 60_000) : null,
          viaStaffId: r.viaStaffId ?? null,
          viaMarketId: r.viaMarketId ?? null,
          confirmedAt: a.decidedAt!,
        };
      });
    if (hireRows.length) await tx.insert(hires).values(hireRows);

    // Workers' inboxes show their recent confirmations.
    const recent = apps.filter((a) => a.status === "confirmed" && specById.get(a.postingId)!.row.status === "open").slice(0, 40);
    const notices = recent.map((a) => ({ userId: a.workerId, body: copy.jobs.notices.confirmed(specById.get(a.postingId)!.row.title), link: paths.jobs.applications }));
    for (const stmt of notifyStatements(tx, notices, now)) await stmt;
    ctx.ids.postings = ids;
    ctx.ids.hires = hireRows.length ? (await tx.select({ id: hires.id }).from(hires)).map((h) => h.id) : [];
  });
}

/** When the people step did not run: one verified household per county and some workers. */
async function makePeople(ctx: DemoContext) {
  const { deps } = ctx;
  const now = deps.clock.now();
  const region = deps.config.region;
  const [passwordHash, pinHash] = await Promise.all([hashSecret(DEMO_PASSWORD), hashSecret("123456")]);
  await deps.database.transaction(async (tx) => {
    const owners = await tx
      .insert(users)
      .values(region.counties.map((c, i) => ({ role: "employer" as const, phone: `1375550${String(i + 1).padStart(4, "0")}`, name: `${c.name.slice(0, 2)}雇主`, passwordHash, countyCode: c.code, createdAt: now })))
      .returning({ id: users.id, phone: users.phone, countyCode: users.countyCode });
    const emps = await tx
      .insert(employers)
      .values(owners.map((o) => ({ userId: o.id, kind: "company" as const, name: `${deps.regions.countyName(o.countyCode)}劳务服务站`, contactName: "王经理", contactPhone: o.phone, countyCode: o.countyCode!, address: "人民路 1 号", status: "verified" as const, createdAt: now })))
      .returning({ id: employers.id });
    const workers = await tx
      .insert(users)
      .values(Array.from({ length: 60 }, (_, i) => ({ role: "worker" as const, phone: `1365550${String(i + 1).padStart(4, "0")}`, name: `工人${i + 1}`, pinHash, countyCode: region.counties[i % region.counties.length].code, createdAt: now })))
      .returning({ id: users.id, countyCode: users.countyCode });
    await tx.insert(workerProfiles).values(workers.map((w) => ({ userId: w.id, countyCode: w.countyCode, createdAt: now, updatedAt: now })));
    ctx.ids.verifiedEmployers = emps.map((e) => e.id);
    ctx.ids.workers = workers.map((w) => w.id);
  });
}

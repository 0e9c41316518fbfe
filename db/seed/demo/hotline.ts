// Demo step: the supervision hotline. About forty complaint cases over the
// last ten weeks in every county, each at a realistic point of its workflow
// (older cases mostly closed and called back, a few of them overdue), with the
// timeline that led there; and, where earlier steps made past hires, a few
// "not paid" answers that opened wage cases linked to the hire, and a few
// finished jobs of workers without a phone of their own for the staff call list.
// Cases and events go in with one multi-row insert each.
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { employers, hires, applications, jobPostings, workerProfiles, hotlineCases, caseEvents, type CaseCategory, type CaseStatus, type CaseAgency, type CaseOutcome, type CaseSatisfaction, type CaseChannel } from "../../schema/index.ts";
import { DAY_MS, chinaDate, addDays } from "../../../src/shared/clock.ts";
import { openCaseForHire, hotlineSettings } from "../../../src/features/hotline/index.ts";
import { dueDateFor, formatCaseNumber, isUpheld } from "../../../src/features/hotline/hotline.domain.ts";
import type { DemoContext } from "./context.ts";

type Story = { category: CaseCategory; text: string; amountYuan?: number; agency: CaseAgency; transfer: string; close: string; outcome: CaseOutcome; recovered?: boolean };

const stories: Story[] = [
  { category: "wage_arrears", text: "在工地干了五天小工,说好一天 180 元,完工后老板说过几天给,到现在电话不接。", amountYuan: 900, agency: "labour_inspection", transfer: "已转县劳动保障监察大队,请其约谈雇主。", close: "监察大队约谈雇主,雇主当场支付工钱。", outcome: "upheld", recovered: true },
  { category: "wage_arrears", text: "帮花木基地起苗三天,每天 150 元,老板只给了一天的钱。", amountYuan: 300, agency: "labour_inspection", transfer: "转劳动监察,已电话联系基地负责人。", close: "雇主补发两天工钱,工人确认收到。", outcome: "upheld", recovered: true },
  { category: "wage_arrears", text: "装卸队干了一周,工头说老板没结账,一直拖着。", amountYuan: 1400, agency: "labour_inspection", transfer: "转劳动监察,要求装卸队和货主说明情况。", close: "查明货主已付款给工头,工头已补发。", outcome: "partly_upheld", recovered: true },
  { category: "wage_arrears", text: "在饭店帮厨半个月,老板说试用期不给钱。", amountYuan: 1200, agency: "labour_inspection", transfer: "转劳动监察,已告知雇主试工也要付工钱。", close: "经核实双方约定按天结算,雇主已付清。", outcome: "upheld", recovered: true },
  { category: "discrimination", text: "招工启事写不限年龄,到了现场说超过 55 岁不要。", agency: "hrss", transfer: "转人社局就业科,提醒雇主不得设置年龄歧视条件。", close: "已约谈雇主,招工信息已改正。", outcome: "upheld" },
  { category: "discrimination", text: "去报名时对方说只要男的,女的不要,活并不重。", agency: "hrss", transfer: "转人社局就业科核实。", close: "雇主称工作需要搬重物,已要求写明具体要求而不是限定性别。", outcome: "partly_upheld" },
  { category: "safety", text: "工地脚手架没有防护网,昨天有人摔下来扭伤了脚。", agency: "housing", transfer: "转住建局安全监督站,请其到现场检查。", close: "安全监督站已责令整改,防护网已装好。", outcome: "upheld" },
  { category: "fraud", text: "有人在市场门口说能介绍进厂,先交 300 元介绍费,交了钱人就找不到了。", amountYuan: 300, agency: "police", transfer: "转派出所,已提供对方电话号码。", close: "派出所已立案调查,提醒工人不要私下交钱。", outcome: "upheld" },
  { category: "fraud", text: "网上说日结 300 元,到了要先买工作服 200 元。", amountYuan: 200, agency: "market_regulation", transfer: "转市场监管局核查该招聘信息。", close: "已核实为虚假信息,已下架并退还部分费用。", outcome: "upheld", recovered: true },
  { category: "forced_deal", text: "市场里有人拦着不让我们跟别的老板走,说必须跟他的车走,要交车费。", agency: "police", transfer: "转派出所,请其到市场巡查。", close: "派出所已对相关人员批评教育。", outcome: "upheld" },
  { category: "provocation", text: "早上有几个人在零工市场门口吵架推搡,影响大家找活。", agency: "police", transfer: "转辖区派出所。", close: "民警到场调解,双方已离开。", outcome: "upheld" },
  { category: "order", text: "市场外面路边停满了车,老人过马路很危险。", agency: "other", transfer: "转城管部门,请其规划停车区域。", close: "城管已划出临时停车区。", outcome: "upheld" },
  { category: "false_ad", text: "招工信息写包吃住,去了以后住的地方是仓库,也没有饭。", agency: "market_regulation", transfer: "转市场监管局,请其核查招聘信息。", close: "雇主承认信息不实,已修改并向工人道歉。", outcome: "upheld" },
  { category: "service", text: "驿站早上开门晚了半小时,大家在外面等着。", agency: "other", transfer: "转驿站负责人核实开门时间。", close: "驿站已调整值班,按时开门。", outcome: "partly_upheld" },
  { category: "service", text: "驿站的饮水机坏了好几天没人修。", agency: "other", transfer: "转驿站负责人。", close: "饮水机已修好。", outcome: "upheld" },
  { category: "other", text: "想问一下灵活就业社保补贴怎么申请,打了几次电话没说清楚。", agency: "hrss", transfer: "转人社局社保科,请其电话解答。", close: "已电话解答申请条件和材料。", outcome: "unverifiable" },
];

const callers = ["张大爷", "王大姐", "李师傅", "赵秀兰", "刘建国", "陈桂英", "杨老汉", "周红霞", "吴德明", "孙玉梅", "马长青", "胡春花"];

export async function seedHotline(ctx: DemoContext) {
  const { deps, rand, pick } = ctx;
  const db = deps.database.db;
  const now = deps.clock.now();
  const settings = hotlineSettings(deps);
  const verified = await db.select({ id: employers.id, countyCode: employers.countyCode }).from(employers).where(eq(employers.status, "verified"));
  const staffOf = (county: string) => [ctx.accounts.get(`station:${county}`), ctx.accounts.get(`staff:${county}`)].filter((a) => !!a).map((a) => a!.id);

  interface Spec {
    row: typeof hotlineCases.$inferInsert;
    story: Story;
    steps: { kind: "transfer" | "start" | "close" | "callback" | "reopen"; status: CaseStatus; note: string; public: boolean; staffId: number | null; at: number }[];
  }
  const specs: Spec[] = [];
  const seqByDay = new Map<string, number>();
  const existingSeq = async (day: string) =>
    (await db.select({ m: sql<number | null>`max(${hotlineCases.seq})` }).from(hotlineCases).where(eq(hotlineCases.day, day)))[0].m ?? 0;

  for (const county of deps.config.region.counties) {
    const markets = (ctx.markets.get(county.code) ?? []).slice(0, 3);
    const staff = staffOf(county.code);
    const countyEmployers = verified.filter((e) => e.countyCode === county.code);
    const n = 4 + Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) {
      const story = pick(stories);
      const daysAgo = Math.floor(rand() * 70);
      const createdAt = now - daysAgo * DAY_MS - Math.floor(rand() * 8) * 3600_000;
      const day = chinaDate(createdAt);
      if (!seqByDay.has(day)) seqByDay.set(day, await existingSeq(day));
      const seq = seqByDay.get(day)! + 1;
      seqByDay.set(day, seq);
      // Older cases have gone further: most of last month's are closed and called back.
      const progress = Math.min(5, Math.floor((daysAgo / 14) * (0.6 + rand())) + (rand() < 0.3 ? 1 : 0));
      const target = (["accepted", "transferred", "processing", "closed", "visited", "visited"] as const)[progress];
      const staffId = staff.length ? pick(staff) : null;
      const channel: CaseChannel = pick(["phone", "phone", "visit", "online"] as const);
      const anonymous = rand() < 0.1;
      const employerId = ["wage_arrears", "discrimination", "false_ad", "safety"].includes(story.category) && countyEmployers.length ? pick(countyEmployers).id : null;
      const steps: Spec["steps"] = [];
      let at = createdAt;
      const later = (hours: number) => (at = Math.min(now, at + hours * 3600_000 + Math.floor(rand() * 3600_000)));
      const reach = ["transferred", "processing", "closed", "visited"].indexOf(target);
      if (reach >= 0) steps.push({ kind: "transfer", status: "transferred", note: story.transfer, public: true, staffId, at: later(3) });
      if (reach >= 1) steps.push({ kind: "start", status: "processing", note: "", public: false, staffId, at: later(20) });
      if (reach >= 2) steps.push({ kind: "close", status: "closed", note: story.close, public: true, staffId, at: later(story.category === "wage_arrears" ? 40 : 120) });
      const satisfaction: CaseSatisfaction | null = reach >= 3 ? pick(["satisfied", "satisfied", "fairly_satisfied", "dissatisfied"] as const) : null;
      if (reach >= 3) steps.push({ kind: "callback", status: "visited", note: satisfaction === "dissatisfied" ? "工人说钱拿到了,但拖得太久。" : "工人表示满意。", public: false, staffId, at: later(24) });
      const closed = reach >= 2;
      specs.push({
        story,
        steps,
        row: {
          number: formatCaseNumber(settings.prefix, day, seq),
          day,
          seq,
          channel,
          callerName: anonymous ? null : pick(callers),
          callerPhone: anonymous ? null : `1${pick(["35", "37", "38", "39", "58", "86"])}${String(Math.floor(rand() * 1e8)).padStart(8, "0")}`,
          category: story.category,
          urgency: rand() < 0.15 ? "urgent" : "normal",
          employerId,
          marketId: markets.length ? pick(markets) : null,
          countyCode: county.code,
          amountOwedFen: story.amountYuan ? story.amountYuan * 100 : null,
          description: story.text,
          status: target,
          dueDate: dueDateFor(day, story.category, settings.deadlines),
          agency: reach >= 0 ? story.agency : null,
          outcome: closed ? story.outcome : null,
          recoveredFen: closed && story.recovered && story.amountYuan && isUpheld(story.outcome) ? story.amountYuan * 100 : null,
          satisfaction,
          assignedTo: staffId,
          createdBy: channel === "online" ? null : staffId,
          createdAt,
          closedAt: closed ? steps.find((s) => s.kind === "close")!.at : null,
          updatedAt: at,
        },
      });
    }
  }

  const created = await deps.database.transaction(async (tx) => {
    const rows = await tx.insert(hotlineCases).values(specs.map((s) => s.row)).returning({ id: hotlineCases.id, number: hotlineCases.number });
    const idOf = new Map(rows.map((r) => [r.number, r.id]));
    const events = specs.flatMap((s) => {
      const caseId = idOf.get(s.row.number!)!;
      return [
        { caseId, at: s.row.createdAt!, staffId: s.row.createdBy ?? null, kind: "intake" as const, note: "", public: true, status: "accepted" as const },
        ...s.steps.map((e) => ({ caseId, at: e.at, staffId: e.staffId, kind: e.kind, note: e.note, public: e.public, status: e.status, detail: e.kind === "transfer" ? JSON.stringify({ agency: s.story.agency }) : null })),
      ];
    });
    await tx.insert(caseEvents).values(events);

    // Past hires nobody has answered for yet: a few workers with their own phone said "not paid".
    const today = chinaDate(now);
    const unpaid = await tx
      .select({ id: hires.id })
      .from(hires)
      .innerJoin(workerProfiles, eq(workerProfiles.userId, hires.workerId))
      .where(and(lt(hires.endDate, today), isNull(hires.paid), inArray(hires.status, ["completed", "working", "confirmed"]), eq(workerProfiles.ownPhone, true)))
      .limit(3);
    const linked: number[] = [];
    for (const h of unpaid) {
      await tx.update(hires).set({ paid: "not_paid", paidAnsweredAt: now }).where(eq(hires.id, h.id));
      const c = await openCaseForHire(tx, deps, h.id, { channel: "online", staffId: null });
      if (c) linked.push(c.id);
    }

    // Workers without a phone of their own (a relative's number) who finished a
    // job last week and have not said whether they were paid: the staff call list.
    const noPhone = (ctx.ids.workers ?? []).slice(-3);
    if (noPhone.length) await tx.update(workerProfiles).set({ ownPhone: false }).where(inArray(workerProfiles.userId, noPhone));
    // One past posting each that the worker did not sign up for already.
    const past: { id: number; employerId: number; countyCode: string; wageFen: number | null; wageUnit: "hour" | "day" | "piece" | "month" | null; address: string }[] = [];
    for (const workerId of noPhone) {
      const [p] = await tx
        .select({ id: jobPostings.id, employerId: jobPostings.employerId, countyCode: jobPostings.countyCode, wageFen: jobPostings.wageFen, wageUnit: jobPostings.wageUnit, address: jobPostings.address })
        .from(jobPostings)
        .where(
          and(
            lt(jobPostings.endDate, today),
            sql`${jobPostings.publishedAt} is not null and ${jobPostings.wageFen} is not null`,
            sql`not exists (select 1 from ${applications} where ${applications.postingId} = ${jobPostings.id} and ${applications.workerId} = ${workerId})`,
            past.length ? sql`${jobPostings.id} not in ${past.map((x) => x.id)}` : undefined,
          ),
        )
        .limit(1);
      if (p) past.push(p);
    }
    const pairs = past.map((p, i) => ({ workerId: noPhone[i], p, marketId: ctx.markets.get(p.countyCode)?.[1] ?? null }));
    if (pairs.length) {
      const apps = await tx
        .insert(applications)
        .values(pairs.map(({ workerId, p, marketId }) => ({ postingId: p.id, workerId, status: "confirmed" as const, viaMarketId: marketId, createdAt: now - 10 * DAY_MS, decidedAt: now - 10 * DAY_MS })))
        .returning({ id: applications.id });
      await tx.insert(hires).values(
        pairs.map(({ workerId, p, marketId }, i) => ({
          applicationId: apps[i].id, postingId: p.id, employerId: p.employerId, workerId, wageFen: p.wageFen!, wageUnit: p.wageUnit ?? ("day" as const),
          startDate: addDays(today, -6), endDate: addDays(today, -4), place: p.address || "—", status: "completed" as const, viaMarketId: marketId, confirmedAt: now - 10 * DAY_MS,
        })),
      );
    }
    return [...rows.map((r) => r.id), ...linked];
  });
  ctx.ids.hotlineCases = created;
}

// Demo step 2: employers in every county (mostly verified, a few waiting or
// refused), about 120 workers with profiles, and about 60 work-seeking cards.
// Identifiers are valid: USCCs carry their GB 32100 check character (and the
// GB 11714 organisation code inside them), ID numbers their GB 11643 one.
// Everything goes in with one multi-row insert per table.
import { employers, users, workerProfiles, workerKinds, seekingCards, workKinds } from "../../schema/index.ts";
import type { EmployerKind, WageUnit } from "../../schema/constants.ts";
import { hashSecret } from "../../../src/shared/crypto.ts";
import { DAY_MS } from "../../../src/shared/clock.ts";
import { completeUscc, completeOrgCode, completeResidentId } from "../../../src/features/employers/index.ts";
import { newCardCode } from "../../../src/features/workers/index.ts";
import { notifyStatements } from "../../../src/features/messages/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { paths } from "../../../src/paths.ts";
import { DEMO_PASSWORD } from "./base.ts";
import type { DemoContext } from "./context.ts";

export const DEMO_WORKER_PIN = "123456";

type Status = "verified" | "pending" | "rejected";
/** county, kind, name, township, address, contact (a private employer is their own contact), status */
type EmployerSeed = [county: string, kind: EmployerKind, name: string, township: string, address: string, contact: string, status?: Status];

const employerSeeds: EmployerSeed[] = [
  ["411002", "company", "许昌市魏都区家政服务公司", "五一路街道", "五一路 126 号", "马丽娟"],
  ["411002", "company", "许昌市魏都区好帮手家政服务有限公司", "东大街道", "东大街 48 号", "韩春燕"],
  ["411002", "sole_trader", "魏都区老街胡辣汤馆", "西大街道", "西大街 17 号", "杜长海"],
  ["411002", "company", "许昌市魏都区即时达同城配送有限公司", "新兴街道", "新兴路 302 号", "宋志刚"],
  ["411002", "hr_agency", "许昌众诚人力资源服务有限公司", "文峰街道", "文峰路 9 号三楼", "程晓东"],
  ["411002", "private", "张桂芝", "丁庄街道", "丁庄社区 6 号楼", "张桂芝"],
  ["411002", "sole_trader", "魏都区春秋楼饭庄", "西关街道", "西关大街 66 号", "许国平"],
  ["411003", "company", "许昌市建安区灵井发制品有限公司", "灵井镇", "灵井镇工业园 3 号", "曹红伟"],
  ["411003", "sole_trader", "建安区尚集镇假发加工坊", "尚集镇", "尚集镇北街 21 号", "冯玉兰"],
  ["411003", "company", "许昌市建安区五女店蔬菜种植专业合作社", "五女店镇", "五女店镇东村", "田保国"],
  ["411003", "private", "李建国", "椹涧乡", "椹涧乡李庄村", "李建国"],
  ["411003", "sole_trader", "建安区将官池镇顺达装卸队", "将官池镇", "将官池镇物流园", "贾永强"],
  ["411003", "company", "许昌市建安区榆林苗木种植有限公司", "榆林乡", "榆林乡苗木基地", "潘德胜"],
  ["411024", "company", "鄢陵县花木合作社", "柏梁镇", "柏梁镇花木大道 8 号", "周海涛"],
  ["411024", "company", "鄢陵县陈化店腊梅种植有限公司", "陈化店镇", "陈化店镇腊梅园", "吕春生"],
  ["411024", "company", "鄢陵县温泉康养中心有限公司", "安陵镇", "安陵镇康养路 1 号", "蒋丽华"],
  ["411024", "sole_trader", "鄢陵县马栏镇绿源苗圃", "马栏镇", "马栏镇西 500 米", "董长水"],
  ["411024", "private", "王德福", "张桥镇", "张桥镇王庄村", "王德福"],
  ["411024", "sole_trader", "鄢陵县安陵镇好味道餐馆", "安陵镇", "人民路 88 号", "袁小红"],
  ["411024", "company", "鄢陵县望田镇果蔬采摘园有限公司", "望田镇", "望田镇南", "肖振华"],
  ["411025", "sole_trader", "襄城县襄城拉面馆", "城关街道", "八七路 23 号", "马福海"],
  ["411025", "company", "襄城县紫云建筑劳务有限公司", "紫云镇", "紫云镇政府东 200 米", "郑建业"],
  ["411025", "company", "襄城县王洛烟叶种植专业合作社", "王洛镇", "王洛镇烟站旁", "丁国栋"],
  ["411025", "private", "赵秀兰", "颍桥回族镇", "颍桥镇北街", "赵秀兰"],
  ["411025", "hr_agency", "襄城县人力资源开发服务有限公司", "茨沟街道", "文化路 12 号", "任晓峰"],
  ["411025", "sole_trader", "襄城县库庄镇红薯粉条加工坊", "库庄镇", "库庄镇西村", "韩老五", "pending"],
  ["411071", "company", "许昌经开区恒通物流有限公司", "长村张街道", "长村张物流园 A 区", "魏宏亮"],
  ["411071", "company", "许昌智能电气装配有限公司", "龙湖街道", "瑞祥路 399 号", "沈佳琪"],
  ["411071", "hr_agency", "许昌经开区劳务服务有限公司", "长村张街道", "尚德路 56 号", "蔡文静"],
  ["411071", "sole_trader", "经开区龙湖街道小厨餐饮店", "龙湖街道", "龙湖路 15 号", "苏海燕"],
  ["411071", "private", "孙红梅", "龙湖街道", "龙湖小区 3 号楼", "孙红梅", "pending"],
  ["411081", "sole_trader", "禹州市神垕镇钧瓷坊", "神垕镇", "神垕古镇红石桥街 12 号", "杨金山"],
  ["411081", "company", "禹州市神垕古镇钧窑有限公司", "神垕镇", "神垕镇白石街 5 号", "卢建华"],
  ["411081", "company", "禹州市华夏中药材加工有限公司", "夏都街道", "药城路 66 号", "邱明远"],
  ["411081", "sole_trader", "禹州市鸿畅镇药材晾晒场", "鸿畅镇", "鸿畅镇南坡", "石老三"],
  ["411081", "private", "郭振华", "花石镇", "花石镇郭庄村", "郭振华"],
  ["411081", "company", "禹州市颍川物业服务有限公司", "颍川街道", "大禹路 101 号", "钱淑芬"],
  ["411081", "company", "禹州市无梁建筑劳务有限公司", "无梁镇", "无梁镇东街", "汪振东", "pending"],
  ["411082", "company", "长葛市大周再生金属加工有限公司", "大周镇", "大周镇产业园", "黄建设"],
  ["411082", "company", "长葛市佛耳湖农业采摘园有限公司", "佛耳湖镇", "佛耳湖镇北", "邓玉芳"],
  ["411082", "sole_trader", "长葛市老城镇蜂产品店", "老城镇", "老城镇十字街", "范喜来"],
  ["411082", "company", "长葛市石象蜂业专业合作社", "石象镇", "石象镇蜂业园", "付国安"],
  ["411082", "private", "陈玉梅", "后河镇", "后河镇陈庄", "陈玉梅"],
  ["411082", "hr_agency", "长葛市众力人力资源服务有限公司", "建设路街道", "建设路 218 号", "胡晓明", "rejected"],
];

const REJECT_REASON = "营业执照上的名称和填写的不一致,请核对后重新提交";

const surnames = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高罗郑梁谢宋唐许韩冯邓曹彭曾田董袁潘蒋蔡杜程苏魏吕丁任沈姚卢付范".split("");
const maleNames = ["建国", "建军", "国强", "志强", "永刚", "红军", "德胜", "保国", "春生", "长水", "铁柱", "海涛", "振华", "学军", "金山", "新民", "广才", "伟", "磊", "勇", "斌", "鹏", "浩", "帅", "俊杰", "明亮"];
const femaleNames = ["秀英", "桂兰", "玉梅", "红霞", "秀兰", "凤英", "春花", "丽娟", "淑芬", "翠花", "桂芳", "玉兰", "小红", "艳", "静", "丽", "敏", "芳", "娜", "晓燕", "梦瑶"];

/** Kinds of work people in each county do most (the local labour brands). */
const kindsByCounty: Record<string, string[]> = {
  "411002": ["即时配送", "家政保洁", "钟点工", "餐饮服务", "养老护理"],
  "411003": ["发制品加工", "农业采摘", "搬运装卸", "建筑小工"],
  "411024": ["花木养护", "养老护理", "农业采摘", "家政保洁"],
  "411025": ["餐饮服务", "农业采摘", "建筑小工"],
  "411071": ["搬运装卸", "会展活动服务", "水电安装", "即时配送"],
  "411081": ["钧瓷制作", "药材加工", "建筑小工"],
  "411082": ["搬运装卸", "农业采摘", "装修维修", "管道疏通"],
};
/** Workers per county: the big labour counties first. */
const workerCounties = ["411081", "411081", "411024", "411024", "411003", "411002", "411025", "411082", "411071"];

/** A typical asking wage for a kind of work: unit, lowest and highest yuan. */
const wages: Record<string, [WageUnit, number, number]> = {
  家政保洁: ["hour", 25, 40], 钟点工: ["hour", 25, 35], 管道疏通: ["piece", 80, 150], 水电安装: ["day", 200, 300],
  装修维修: ["day", 200, 320], 搬运装卸: ["day", 150, 220], 建筑小工: ["day", 160, 230], 餐饮服务: ["day", 100, 150],
  会展活动服务: ["day", 120, 180], 农业采摘: ["day", 80, 120], 花木养护: ["day", 100, 150], 药材加工: ["day", 90, 140],
  钧瓷制作: ["day", 150, 260], 发制品加工: ["piece", 2, 6], 养老护理: ["month", 3500, 5500], 即时配送: ["piece", 5, 8],
};

const notes: Record<string, string[]> = {
  家政保洁: ["做过三年保洁,干活仔细,自带工具", "会擦玻璃、收纳,能做开荒保洁"],
  钟点工: ["上午有空,会做饭、打扫", "离市区近,随叫随到"],
  花木养护: ["在苗圃干了十几年,会修剪、嫁接、打药", "会开三轮,能装车卸车"],
  养老护理: ["照顾过卧床老人,有护理证", "有耐心,能住家"],
  农业采摘: ["手快,能连着干一个月", "两口子一起,能带几个同村的"],
  钧瓷制作: ["在窑上干过拉坯和施釉", "会装窑、出窑,能吃苦"],
  药材加工: ["会挑拣、切片、晾晒", "在药材厂干过两年"],
  发制品加工: ["会勾发、梳理,在家也能干", "眼神好,手稳,干过发条"],
  餐饮服务: ["会拉面,也能配菜", "能干前厅、洗碗,早晚班都行"],
  搬运装卸: ["力气大,能干重活", "有电动三轮,能跑短途"],
  建筑小工: ["和灰、搬砖、打杂都能干", "会看图,干过钢筋"],
  水电安装: ["有电工证,会布线、装灯具", "会修水管、装卫浴"],
  装修维修: ["会刮腻子、刷漆、贴砖", "小修小补都能干"],
  管道疏通: ["有工具,下水道、马桶都能通", "半小时能到"],
  会展活动服务: ["能搭展台、发传单、引导", "周末都有空"],
  即时配送: ["有电动车,熟悉城区路", "能跑早晚高峰"],
};

const BUSINESS_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

export async function seedPeople(ctx: DemoContext) {
  const { deps, rand, pick } = ctx;
  const region = deps.config.region;
  const now = deps.clock.now();
  const townshipCode = (county: string, name: string) => region.townships.find((t) => t.countyCode === county && t.name === name)?.code ?? null;
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  // Asking prices are round: 135 or 140 yuan a day, not 138; small piece rates stay as they are.
  const askFen = (lo: number, hi: number) => (hi >= 50 ? Math.round(int(lo, hi) / 5) * 5 : int(lo, hi)) * 100;
  const kindRows = await deps.database.db.select({ id: workKinds.id, name: workKinds.name }).from(workKinds);
  const kindId = new Map(kindRows.map((k) => [k.name, k.id]));

  // --- Identifiers ------------------------------------------------------------
  const usedCodes = new Set<string>();
  const uscc = (county: string, kind: EmployerKind, name: string) => {
    // 9 = registered with market regulation; 1 company, 2 sole trader, 3 farmers' cooperative.
    const type = kind === "sole_trader" ? "2" : name.includes("合作社") ? "3" : "1";
    for (;;) {
      let body = "MA";
      for (let i = 0; i < 6; i++) body += BUSINESS_CHARSET[Math.floor(rand() * BUSINESS_CHARSET.length)];
      const code = completeUscc(`9${type}${county}${completeOrgCode(body)}`);
      if (!usedCodes.has(code)) return usedCodes.add(code), code;
    }
  };
  const residentId = (county: string, male: boolean) => {
    for (;;) {
      const birth = `${int(1958, 1988)}${String(int(1, 12)).padStart(2, "0")}${String(int(1, 28)).padStart(2, "0")}`;
      const seq = int(0, 49) * 10 + int(0, 4) * 2 + (male ? 1 : 0);
      const id = completeResidentId(`${county}${birth}${String(seq).padStart(3, "0")}`);
      if (!usedCodes.has(id)) return usedCodes.add(id), id;
    }
  };

  // --- Accounts: employers and workers in one insert ----------------------------
  const [passwordHash, pinHash] = await Promise.all([hashSecret(DEMO_PASSWORD), hashSecret(DEMO_WORKER_PIN)]);
  const employerPhone = (i: number) => `1393740${String(i + 1).padStart(4, "0")}`;
  const workerPhone = (i: number) => `1363740${String(i + 1).padStart(4, "0")}`;

  interface WorkerSeed { name: string; male: boolean; county: string; township: string | null; birthYear: number; kinds: string[]; days: string }
  const workers: WorkerSeed[] = [];
  for (let i = 0; i < 120; i++) {
    const county = i === 0 ? "411024" : pick(workerCounties);
    const male = i === 0 ? false : rand() < 0.55;
    const townships = region.townships.filter((t) => t.countyCode === county);
    const local = kindsByCounty[county];
    const kinds = [...new Set([pick(local), ...(rand() < 0.5 ? [pick(local)] : []), ...(rand() < 0.2 ? [pick(region.workKinds)] : [])])];
    const days = rand() < 0.4 ? "" : ["12345", "123456", "67", "135", "1234567", "246"][int(0, 5)];
    workers.push({
      name: i === 0 ? "王秀英" : pick(surnames) + pick(male ? maleNames : femaleNames),
      male,
      county,
      township: i === 0 ? townshipCode("411024", "柏梁镇") : rand() < 0.85 ? pick(townships).code : null,
      birthYear: i === 0 ? 1966 : int(1955, 2000),
      kinds: i === 0 ? ["花木养护", "家政保洁"] : kinds,
      days,
    });
  }

  const accountRows: (typeof users.$inferInsert)[] = [
    ...employerSeeds.map(([county, , , , , contact], i) => ({ role: "employer" as const, phone: employerPhone(i), name: contact, passwordHash, countyCode: county, createdAt: now - int(30, 200) * DAY_MS })),
    ...workers.map((w, i) => ({ role: "worker" as const, phone: workerPhone(i), name: w.name, pinHash, countyCode: w.county, createdAt: now - int(1, 120) * DAY_MS })),
  ];

  const cardCodes = new Set<string>();
  const nextCardCode = () => {
    for (;;) {
      const c = newCardCode(rand);
      if (!cardCodes.has(c)) return cardCodes.add(c), c;
    }
  };

  const result = await deps.database.transaction(async (tx) => {
    const created = await tx.insert(users).values(accountRows).returning({ id: users.id, phone: users.phone, createdAt: users.createdAt });
    const byPhone = new Map(created.map((u) => [u.phone, u]));

    const employerRows: (typeof employers.$inferInsert)[] = employerSeeds.map(([county, kind, name, township, address, contact, status = "verified"], i) => {
      const user = byPhone.get(employerPhone(i))!;
      const isPrivate = kind === "private";
      const reviewer = ctx.accounts.get(`staff:${county}`)?.id ?? null;
      return {
        userId: user.id,
        kind,
        name,
        uscc: isPrivate ? null : uscc(county, kind, name),
        idNumber: isPrivate ? residentId(county, !/[梅兰芝红]/.test(name)) : null,
        pledgeText: isPrivate ? copy.employers.pledgeText : null,
        pledgeAcceptedAt: isPrivate ? user.createdAt : null,
        contactName: contact,
        contactPhone: user.phone,
        countyCode: county,
        townshipCode: townshipCode(county, township),
        address,
        status,
        rejectReason: status === "rejected" ? REJECT_REASON : null,
        reviewedBy: status === "pending" ? null : reviewer,
        reviewedAt: status === "pending" ? null : user.createdAt + int(1, 3) * DAY_MS,
        createdAt: user.createdAt,
      };
    });
    const employerIds = await tx.insert(employers).values(employerRows).returning({ id: employers.id, userId: employers.userId, status: employers.status });

    const workerIds = workers.map((_, i) => byPhone.get(workerPhone(i))!.id);
    await tx.insert(workerProfiles).values(
      workers.map((w, i) => {
        const [unit, lo, hi] = wages[w.kinds[0]] ?? ["day", 100, 200];
        return {
          userId: workerIds[i],
          birthYear: w.birthYear,
          gender: w.male ? ("male" as const) : ("female" as const),
          countyCode: w.county,
          townshipCode: w.township,
          days: w.days,
          expectedWageFen: rand() < 0.7 ? askFen(lo, hi) : null,
          expectedWageUnit: unit,
          cardCode: nextCardCode(),
          createdAt: byPhone.get(workerPhone(i))!.createdAt,
          updatedAt: now,
        };
      }).map((p) => (p.expectedWageFen === null ? { ...p, expectedWageUnit: null } : p)),
    );
    await tx.insert(workerKinds).values(workers.flatMap((w, i) => w.kinds.map((k) => ({ userId: workerIds[i], kindId: kindId.get(k)! }))));

    // About half the workers have a card up; the demo worker always does.
    const cards: (typeof seekingCards.$inferInsert)[] = [];
    workers.forEach((w, i) => {
      if (i !== 0 && rand() >= 0.5) return;
      const kind = w.kinds[0];
      const [unit, lo, hi] = wages[kind] ?? ["day", 100, 200];
      const at = now - int(0, 14 * 24) * 3600_000;
      cards.push({
        workerId: workerIds[i],
        kindId: kindId.get(kind)!,
        countyCode: w.county,
        townshipCode: w.township,
        days: w.days,
        wageFen: askFen(lo, hi),
        wageUnit: unit,
        note: pick(notes[kind] ?? [""]),
        status: rand() < 0.08 ? "closed" : "open",
        createdAt: at,
        updatedAt: at,
      });
    });
    await tx.insert(seekingCards).values(cards);

    // The inbox of the employers whose review is done tells them so, as the real decision would have.
    const site = deps.config.siteName;
    const decided = employerIds.filter((e) => e.status !== "pending");
    for (const stmt of notifyStatements(
      tx,
      decided.map((e) => ({ userId: e.userId, body: e.status === "verified" ? copy.employers.noticeVerified(site) : copy.employers.noticeRejected(site, REJECT_REASON), link: paths.employers.home })),
      now - DAY_MS,
    ))
      await stmt;

    return { employerIds, workerIds, cards: cards.length };
  });

  ctx.ids.employers = result.employerIds.map((e) => e.id);
  ctx.ids.verifiedEmployers = result.employerIds.filter((e) => e.status === "verified").map((e) => e.id);
  ctx.ids.workers = result.workerIds;

  const employerIndex = (name: string) => employerSeeds.findIndex((s) => s[2] === name);
  const demoEmployers: [string, string, string][] = [
    ["employer:demo", "王德福", "个人雇主(已认证)"],
    ["employer:company", "鄢陵县花木合作社", "企业雇主(已认证)"],
    ["employer:pending", "孙红梅", "个人雇主(待审核)"],
  ];
  for (const [key, name, label] of demoEmployers) {
    const i = employerIndex(name);
    ctx.accounts.set(key, { id: result.employerIds[i].userId, phone: employerPhone(i), secret: DEMO_PASSWORD, label });
  }
  ctx.accounts.set("worker:demo", { id: result.workerIds[0], phone: workerPhone(0), secret: DEMO_WORKER_PIN, label: "工人 王秀英" });
}

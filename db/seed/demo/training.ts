// Demo step: training sessions across the counties (some with free places,
// one full with a waiting list, one finished with attendance and completers,
// one cancelled), job fairs with zones and bookings (and a past no-show), and
// plain-language help articles in every category. One multi-row insert per
// table. Runs after the people and postings steps and uses their workers and
// verified employers; without them it still makes the sessions, fairs and articles.
import { and, eq, inArray } from "drizzle-orm";
import {
  trainingSessions, trainingSignups, trainingAttendance, jobFairs, jobFairZones, jobFairBookings, policyArticles,
  workKinds, users, employers, jobPostings, type TrainingKind, type ArticleCategory,
} from "../../schema/index.ts";
import { addDays, chinaDate } from "../../../src/shared/clock.ts";
import { sessionDays } from "../../../src/features/training/training.domain.ts";
import type { DemoContext } from "./context.ts";

interface SessionSeed {
  county: string;
  /** 0 = the county's own market, 1 = its first station. */
  market?: number;
  kind: TrainingKind;
  title: string;
  workKind: string | null;
  provider: string;
  online?: boolean;
  place: string;
  /** Days from today to the first day, and the course length in days. */
  startIn: number;
  days: number;
  hours: string;
  capacity: number;
  costFen?: number;
  subsidyRule: string;
  allowanceRule?: string;
  description: string;
  /** Sign-ups to make: confirmed, and waiting (only when confirmed = capacity). */
  confirmed: number;
  waiting?: number;
  cancelled?: string;
}

const sessionSeeds: SessionSeed[] = [
  {
    county: "411024", kind: "skills", title: "花木栽培与养护技术培训", workKind: "花木养护", provider: "鄢陵县职业技术教育中心",
    place: "鄢陵县花木博览园培训楼二楼", startIn: 9, days: 5, hours: "8:30-11:30, 14:30-17:00", capacity: 40,
    subsidyRule: "学完并考取园林绿化工证书的,按初级工标准申领职业技能培训补贴。",
    allowanceRule: "脱贫劳动力、就业困难人员培训期间每天发生活费补贴,按实际到课天数算。",
    description: "讲苗木修剪、嫁接、病虫害防治、起苗装车。一半时间在苗圃里实际操作。\n结业后可推荐到花木合作社干活。", confirmed: 17,
  },
  {
    county: "411081", kind: "skills", title: "钧瓷拉坯与施釉技能培训", workKind: "钧瓷制作", provider: "禹州市神垕钧瓷职业培训学校",
    place: "禹州市神垕镇老街钧瓷文化园", startIn: 14, days: 10, hours: "8:00-12:00", capacity: 25,
    subsidyRule: "取得陶瓷成型工职业技能等级证书的,可申领培训补贴。", description: "老师傅手把手教拉坯、修坯和施釉,材料由学校提供。", confirmed: 9,
  },
  {
    county: "411003", kind: "skills", title: "发制品加工(勾发、梳理)培训", workKind: "发制品加工", provider: "建安区就业训练中心",
    place: "建安区灵井镇发制品产业园培训室", startIn: 6, days: 3, hours: "9:00-11:30", capacity: 50,
    subsidyRule: "完成培训的,由培训机构统一申领补贴,个人不用交钱。", description: "学会后可以把活领回家做,按件计钱。适合带孩子、照顾老人的人。", confirmed: 23,
  },
  {
    county: "411002", kind: "skills", title: "养老护理员(初级)培训", workKind: "养老护理", provider: "许昌市职业技能培训中心",
    place: "许昌市魏都区新兴路人力资源市场三楼", startIn: 7, days: 6, hours: "8:30-11:30, 14:00-17:00", capacity: 12,
    subsidyRule: "取得养老护理员(初级)证书的,按初级工标准申领补贴。",
    allowanceRule: "脱贫劳动力、低保家庭成员培训期间发生活费补贴。",
    description: "学老人起居照料、翻身喂饭、急救常识。结业后推荐到养老机构和家庭上岗。", confirmed: 12, waiting: 8,
  },
  {
    county: "411002", market: 1, kind: "new_forms", title: "网约配送员安全与技能培训", workKind: "即时配送", provider: "许昌市交通运输技工学校",
    online: true, place: "线上直播:报名后短信发送进入方式,用手机就能听", startIn: 3, days: 1, hours: "19:30-21:00", capacity: 200,
    subsidyRule: "新业态技能培训,免费参加,不发补贴。", description: "讲交通安全、电动车充电防火、恶劣天气送单、和平台怎么维权。", confirmed: 31,
  },
  {
    county: "411002", kind: "startup", title: "创业培训(SYB)第 12 期", workKind: null, provider: "许昌市创业服务中心",
    place: "许昌市创业服务中心一楼培训室", startIn: 12, days: 10, hours: "9:00-16:30", capacity: 30,
    subsidyRule: "登记失业人员、返乡农民工、脱贫劳动力等参加并结业的,培训费由政府补贴,个人不交钱。",
    description: "从选项目、算成本到办执照、申请创业担保贷款,一步一步讲。结业证书可用于申请创业担保贷款。", confirmed: 14,
  },
  {
    county: "411082", kind: "safety", title: "建筑工地安全教育(冬季)", workKind: "建筑小工", provider: "长葛市安全生产培训中心",
    place: "长葛市零工市场大厅", startIn: 2, days: 1, hours: "8:30-11:00", capacity: 80,
    subsidyRule: "安全教育免费参加,不发补贴。", description: "讲安全帽安全带怎么用、冬季防滑防冻、用电安全、出了事故怎么办。", confirmed: 26,
  },
  {
    county: "411025", kind: "skills", title: "中式面点师(拉面)培训", workKind: "餐饮服务", provider: "襄城县职业教育中心",
    place: "襄城县职教中心烹饪实训楼", startIn: 20, days: 15, hours: "8:30-11:30, 14:30-17:30", capacity: 30, costFen: 0,
    subsidyRule: "取得中式面点师证书的,按初级工标准申领补贴。", allowanceRule: "外县来的学员可申请住宿补助,具体到襄城县人社局问。",
    description: "和面、溜条、拉面、做汤,学成可以去全国各地的襄城拉面馆上岗。", confirmed: 11,
  },
  {
    county: "411071", kind: "skills", title: "家政服务员培训", workKind: "家政保洁", provider: "许昌经济技术开发区社区学校",
    place: "许昌经济技术开发区长村张街道便民服务中心", startIn: 5, days: 4, hours: "14:00-17:00", capacity: 35,
    subsidyRule: "取得家政服务员证书的,可申领职业技能培训补贴。", description: "学家庭保洁、收纳整理、做家常饭、照顾孕产妇和婴儿的基本功。", confirmed: 8,
  },
  {
    county: "411024", market: 1, kind: "safety", title: "农药安全使用培训", workKind: "农业采摘", provider: "鄢陵县农业技术推广中心",
    place: "鄢陵县柏梁镇便民服务中心", startIn: -7, days: 5, hours: "8:30-11:30", capacity: 20,
    subsidyRule: "结业的发合格证,免费。", description: "讲农药怎么配、怎么打、怎么防中毒。", confirmed: 18,
  },
  {
    county: "411081", market: 1, kind: "skills", title: "中药材初加工培训", workKind: "药材加工", provider: "禹州市中药材协会",
    place: "禹州市中药材专业市场会议室", startIn: 4, days: 2, hours: "9:00-12:00", capacity: 30,
    subsidyRule: "免费。", description: "讲药材挑拣、切片、晾晒和储存。", confirmed: 6, cancelled: "授课老师临时有事,下个月重新开班,到时短信通知。",
  },
];

interface FairSeed {
  county: string;
  title: string;
  dateIn: number;
  hours: string;
  place: string;
  description: string;
  zones: [kind: string, capacity: number][];
}

const fairSeeds: FairSeed[] = [
  {
    county: "411002", title: "冬季家政养老专场招聘会", dateIn: 12, hours: "8:30-12:00", place: "许昌市魏都区新兴路人力资源市场广场",
    description: "家政、养老、钟点工、饭店用工集中招聘。带上身份证,现场就能谈。", zones: [["家政保洁", 12], ["养老护理", 8], ["钟点工", 6], ["餐饮服务", 6]],
  },
  {
    county: "411024", title: "鄢陵花木用工专场招聘会", dateIn: 5, hours: "7:30-11:00", place: "鄢陵县花木交易中心南广场",
    description: "春季起苗、栽植用工,合作社和苗圃现场招人,日结的多。", zones: [["花木养护", 15], ["农业采摘", 10], ["搬运装卸", 5]],
  },
  {
    county: "411003", title: "建安区秋季零工招聘会", dateIn: -10, hours: "8:00-11:30", place: "建安区人社局门前广场",
    description: "已经结束。", zones: [["发制品加工", 10], ["搬运装卸", 6]],
  },
];

type ArticleSeed = [category: ArticleCategory, title: string, body: string, county?: string];

/** Plain words, short lines; numbers that change every year point to the office that knows. */
const articleSeeds: ArticleSeed[] = [
  ["employment", "零工市场怎么用", `# 找活
- 在“找活干”里看活,按县区和工种找。
- 看中了点“报名”,老板确认后会短信告诉您。
- 不会用手机,就到附近的零工驿站,工作人员帮您报。

# 全部免费
在零工市场找活、报名、培训,都不收钱。谁找您要钱,请打 12333 举报。

# 不识字也能用
驿站有工作人员帮忙。电话 12333 也可以问。`],
  ["employment", "就业困难人员能享受哪些帮扶", `# 哪些人算就业困难人员
- 女 40 岁以上、男 50 岁以上,找不到工作的。
- 有残疾的。
- 低保家庭的。
- 失业一年以上的。
具体以人社部门认定为准。

# 怎么认定
带身份证、户口本到户籍所在的街道或乡镇劳动保障所申请。

# 认定后有什么
- 优先推荐工作。
- 灵活就业的,缴社会保险可以申请补贴。
- 参加培训期间可以领生活费补贴。

详细政策看[培训补贴](/policy?category=training_subsidy),也可以到驿站问。`],
  ["employment", "灵活就业人员社保补贴", `就业困难人员干零工、打短工(灵活就业),自己交了养老、医疗保险的,可以申请补一部分钱。

# 补多少
一般是实际缴费的一部分,最长补 3 年。离退休不到 5 年的,可以补到退休。每年标准以人社局公布的为准。

# 怎么申请
- 先认定为就业困难人员。
- 按时交社会保险。
- 每半年或每年带身份证、缴费凭证,到户籍所在地的人社所申请。

钱直接打到本人社保卡上。`],
  ["safety", "冬天干活防冻防滑", `# 出门前
- 穿防滑鞋,戴手套、帽子。
- 天冷路滑,骑电动车慢一点。

# 干活时
- 脚手架、屋顶有霜有冰,不要上去。
- 手冻麻了先暖一暖,再用电动工具。
- 干累了喝点热水,别喝酒取暖。

# 住的地方
用煤炉取暖一定要开窗通风,装烟筒。头晕、恶心马上到屋外,打 120。`],
  ["safety", "登高和用电:没有证不要干", `# 这些活要持证
- 电工:要有电工作业证。
- 2 米以上高处作业:要有登高作业证,必须系安全带。
- 电焊、气割:要有焊工证。

没有证的,老板让干也要拒绝。出了事故,老板和您都要担责任,保险也可能不赔。

# 想考证
可以报名职业技能培训,合格后发证,还能领补贴。在“培训招聘会”里找[培训](/training)。`],
  ["safety", "搬运装卸别伤了腰", `- 搬东西先蹲下,用腿的力气站起来,别弯腰硬拽。
- 太重的两个人抬,或用推车。
- 货物堆高了要扶稳,别站在车厢边上。
- 戴手套,穿硬底鞋。
- 腰扭了马上停下,不要忍着接着干。

受了伤怎么办,看[干活时受伤了怎么办](/policy?category=injury_insurance)。`],
  ["legal", "欠薪怎么办", `# 先留好证据
- 和老板的聊天记录、短信、通话录音。
- 转账记录、考勤记录、工作照片。
- 一起干活的工友的姓名和电话。
- 在零工市场报的活,平台上的用工记录也是证据。

# 再找人帮忙
- 先和老板好好说,要个还钱的日子。
- 不给的,打监管热线 12333,或到县区劳动保障监察大队投诉。
- 也可以在本站“投诉求助”里登记,有专人跟进。

# 打官司不用怕花钱
劳动仲裁不收费。请不起律师的,打 12348 申请法律援助。`],
  ["legal", "干零工也要说清楚", `干活前,把这几件事和老板说清楚,最好写下来或发个微信:
- 干什么活,在哪里干。
- 一天(或一件)多少钱,什么时候结。
- 管不管饭,管不管住。
- 干活受伤了谁负责。

在零工市场报名的活,这些都写在用工记录里,可以打印出来留着。`],
  ["legal", "找活要交钱?当心骗局", `# 记住一句话
正规找活不用交钱。零工市场和驿站的服务全部免费。

# 这些都是骗人的
- 先交“押金”“服装费”“体检费”才能上岗。
- 先交“培训费”,说培训完包分配。
- 要您的银行卡密码、手机验证码。

遇到了请打 110 报警,或打 12333 举报。`],
  ["injury_insurance", "灵活就业人员意外伤害保险是什么", `干零工大多没有工伤保险。意外伤害保险是自己(或老板)花一点钱,出了意外能赔一部分。

# 保什么
- 干活时、上下班路上出了意外,看病的钱能报一部分。
- 因意外伤残或去世的,按保单赔钱。

# 多少钱
一年从几十元到一百多元不等,保得越多越贵。

# 到哪里买
驿站可以介绍正规保险公司的产品,您自己决定买不买。不要在来路不明的链接里买保险。`],
  ["injury_insurance", "干活时受伤了怎么办", `# 第一步:先看病
到最近的医院,病历、发票、诊断书都要留好。

# 第二步:马上告诉老板
说清楚哪天、在哪、怎么受的伤。请工友做个证明。

# 第三步:报保险
买了意外险的,尽快给保险公司打电话报案,一般要求 48 小时内。

# 老板不管怎么办
打 12333,或在本站“投诉求助”里登记。`],
  ["injury_insurance", "骑手、跑腿的职业伤害保障", `外卖骑手、同城跑腿这些在平台上接单的,国家在推开“新就业形态人员职业伤害保障”,由平台给骑手交钱。

- 打开您用的骑手软件,在“保障”或“保险”里看自己有没有参保。
- 出了事故,先在软件里报案,再按提示交材料。
- 平台不给报的,打 12333 问。`],
  ["startup_loan", "创业担保贷款:想开个小店,钱从哪来", `# 谁能贷
- 登记失业的人员、就业困难人员。
- 返乡创业的农民工、脱贫劳动力。
- 高校毕业生、退役军人等。

# 能贷多少
个人目前最高可以贷 30 万元,合伙创业的可以多贷。政府给贴一部分利息。具体额度和利率以当年公布的为准。

# 怎么申请
带身份证、营业执照、创业计划,到县区人社局或创业服务中心申请。先参加[创业培训](/training?kind=startup)的,更容易通过。`],
  ["startup_loan", "先参加创业培训再创业", `创业培训(SYB)免费,讲怎么选项目、怎么算账、怎么找客户。
- 一期大约 10 天。
- 结业发证书,申请创业担保贷款时用得上。
- 登记失业人员、返乡农民工、脱贫劳动力都能报。

在“培训招聘会”里选“创业培训”报名。`],
  ["startup_loan", "返乡创业有哪些扶持", `- 创业担保贷款,政府贴息。
- 符合条件的,可以申请一次性创业补贴。
- 入驻返乡创业园区的,房租可以减免一部分。
- 县区创业服务中心有专人免费指导,帮着办执照。

能不能申请、补多少,到户籍所在县区的人社局问最准。`],
  ["training_subsidy", "职业技能提升补贴怎么领", `交失业保险满一年的职工,考取职业资格证书或职业技能等级证书的,可以申请补贴。

# 补多少
一般初级工 1000 元、中级工 1500 元、高级工 2000 元。以当年标准为准。

# 怎么领
拿到证书后 12 个月内,带身份证、证书,到参保地的人社部门申请。钱打到本人社保卡上。`],
  ["training_subsidy", "参加免费培训,还能领生活费补贴", `脱贫劳动力、就业困难人员、低保家庭成员参加政府组织的职业技能培训:
- 培训费全免。
- 培训期间按到课天数领生活费补贴。
- 结业的还能推荐工作。

报名时工作人员会问您属于哪一类,带好身份证和有关证明。`],
  ["training_subsidy", "鄢陵花木培训补贴说明", `鄢陵县组织的花木栽培、园林绿化培训:
- 参加培训全免费。
- 考取园林绿化工证书的,按初级工标准领补贴。
- 脱贫劳动力培训期间每天有生活费补贴。

报名:在本站报名,或到鄢陵县零工市场、各乡镇驿站找工作人员。`, "411024"],
  ["employment", "禹州钧瓷、药工技能人才招聘信息汇总", `禹州的钧瓷窑口和中药材加工企业常年招人:
- 钧瓷:拉坯、施釉、装窑出窑。
- 药材:挑拣、切片、晾晒。

有手艺的优先,没手艺的可以先报名[钧瓷技能培训](/training)。`, "411081"],
];

export async function seedTraining(ctx: DemoContext) {
  const { deps, rand } = ctx;
  const db = deps.database.db;
  const now = deps.clock.now();
  const today = chinaDate(now);
  const kindIds = new Map((await db.select({ id: workKinds.id, name: workKinds.name }).from(workKinds)).map((k) => [k.name, k.id]));
  const marketOf = (county: string, i = 0) => {
    const list = ctx.markets.get(county) ?? [...ctx.markets.values()][0];
    return list[Math.min(i, list.length - 1)];
  };
  const staffOf = (county: string) => ctx.accounts.get(`staff:${county}`)?.id ?? ctx.accounts.get("city_admin")?.id ?? null;
  const workerIds = ctx.ids.workers?.length
    ? ctx.ids.workers
    : (await db.select({ id: users.id }).from(users).where(eq(users.role, "worker")).limit(200)).map((u) => u.id);

  // --- Sessions and sign-ups ---------------------------------------------------
  const sessionRows = sessionSeeds.map((s) => {
    const start = addDays(today, s.startIn);
    const end = addDays(start, s.days - 1);
    const deadline = addDays(start, s.startIn > 2 ? -2 : -1);
    const full = s.confirmed >= s.capacity;
    return {
      marketId: marketOf(s.county, s.market),
      kind: s.kind,
      title: s.title,
      workKindId: s.workKind ? kindIds.get(s.workKind) ?? null : null,
      provider: s.provider,
      online: s.online ?? false,
      place: s.place,
      startDate: start,
      endDate: end,
      hours: s.hours,
      capacity: s.capacity,
      confirmedCount: Math.min(s.confirmed, workerIds.length, s.capacity),
      waitSeq: full ? Math.min(s.waiting ?? 0, Math.max(0, workerIds.length - s.confirmed)) : 0,
      signupDeadline: deadline,
      costFen: s.costFen ?? 0,
      subsidyRule: s.subsidyRule,
      allowanceRule: s.allowanceRule ?? "",
      description: s.description,
      status: s.cancelled ? ("cancelled" as const) : ("open" as const),
      cancelReason: s.cancelled ?? null,
      createdBy: staffOf(s.county),
      createdAt: now - 14 * 86_400_000,
      updatedAt: now - 14 * 86_400_000,
    };
  });
  const sessions = await deps.database.write((tx) => tx.insert(trainingSessions).values(sessionRows).returning({ id: trainingSessions.id }));

  const signups: (typeof trainingSignups.$inferInsert)[] = [];
  sessions.forEach((s, i) => {
    const row = sessionRows[i];
    const seed = sessionSeeds[i];
    // A different slice of workers for each session, so people are on several lists.
    const offset = Math.floor(rand() * Math.max(1, workerIds.length));
    const take = (n: number, from: number) => Array.from({ length: Math.min(n, workerIds.length) }, (_, k) => workerIds[(offset + from + k) % workerIds.length]);
    const station = marketOf(seed.county, 1);
    const stationStaff = ctx.accounts.get(`station:${seed.county}`)?.id ?? null;
    take(row.confirmedCount, 0).forEach((workerId, k) => {
      // Every fourth was signed up at a station desk (代办).
      const via = k % 4 === 3 && stationStaff ? { viaStaffId: stationStaff, viaMarketId: station } : {};
      signups.push({ sessionId: s.id, workerId, status: "confirmed", createdAt: now - (2000 - k) * 60_000, confirmedAt: now - (2000 - k) * 60_000, ...via });
    });
    take(row.waitSeq, row.confirmedCount).forEach((workerId, k) => {
      signups.push({ sessionId: s.id, workerId, status: "waiting", waitNo: k + 1, createdAt: now - (600 - k) * 60_000 });
    });
  });
  const signupIds = signups.length ? await deps.database.write((tx) => tx.insert(trainingSignups).values(signups).returning({ id: trainingSignups.id, sessionId: trainingSignups.sessionId })) : [];

  // The finished course: attendance on most days, and most completed it.
  const finishedIndex = sessionSeeds.findIndex((s) => s.startIn + s.days <= 0);
  if (finishedIndex >= 0 && signupIds.length) {
    const finished = sessions[finishedIndex];
    const days = sessionDays(sessionRows[finishedIndex].startDate, sessionRows[finishedIndex].endDate);
    const people = signupIds.filter((x) => x.sessionId === finished.id);
    const marks = people.flatMap((p, k) => days.filter((_, d) => (k + d) % 7 !== 6).map((day) => ({ signupId: p.id, day, markedBy: staffOf(sessionSeeds[finishedIndex].county), markedAt: now - 3 * 86_400_000 })));
    const completed = people.filter((_, k) => k % 6 !== 5).map((p) => p.id);
    await deps.database.write((tx) =>
      tx.batch([
        tx.insert(trainingAttendance).values(marks),
        tx
          .update(trainingSignups)
          .set({ completedAt: now - 3 * 86_400_000, completedBy: staffOf(sessionSeeds[finishedIndex].county) })
          .where(and(eq(trainingSignups.sessionId, finished.id), inArray(trainingSignups.id, completed))),
      ]),
    );
  }

  // --- Job fairs ------------------------------------------------------------------
  const verified = ctx.ids.verifiedEmployers?.length
    ? ctx.ids.verifiedEmployers
    : (await db.select({ id: employers.id }).from(employers).where(eq(employers.status, "verified"))).map((e) => e.id);
  // Which kinds of work each verified employer has open postings in, to book them in a zone that fits.
  const offers = verified.length
    ? await db
        .select({ employerId: jobPostings.employerId, kindId: jobPostings.kindId })
        .from(jobPostings)
        .where(and(inArray(jobPostings.employerId, verified), eq(jobPostings.status, "open")))
    : [];
  const fairs = await deps.database.write((tx) =>
    tx
      .insert(jobFairs)
      .values(
        fairSeeds.map((f) => ({
          marketId: marketOf(f.county),
          title: f.title,
          date: addDays(today, f.dateIn),
          hours: f.hours,
          place: f.place,
          description: f.description,
          createdBy: staffOf(f.county),
          createdAt: now - 20 * 86_400_000,
        })),
      )
      .returning({ id: jobFairs.id }),
  );
  const zoneRows = fairSeeds.flatMap((f, i) =>
    f.zones.filter(([kind]) => kindIds.has(kind)).map(([kind, capacity]) => ({ fairId: fairs[i].id, workKindId: kindIds.get(kind)!, capacity })),
  );
  const zones = await deps.database.write((tx) =>
    tx.insert(jobFairZones).values(zoneRows).returning({ id: jobFairZones.id, fairId: jobFairZones.fairId, workKindId: jobFairZones.workKindId, capacity: jobFairZones.capacity }),
  );
  // The demo employer accounts are left off the first fair, so whoever tries the demo can book a place there.
  const demoOwners = ["employer:demo", "employer:company"].map((k) => ctx.accounts.get(k)?.id).filter((id): id is number => id !== undefined);
  const demoEmployers = new Set(
    demoOwners.length ? (await db.select({ id: employers.id }).from(employers).where(inArray(employers.userId, demoOwners))).map((e) => e.id) : [],
  );
  const bookings: (typeof jobFairBookings.$inferInsert)[] = [];
  const booked = new Map<number, number>();
  for (const [i, fair] of fairs.entries()) {
    const taken = new Set<number>(i === 0 ? demoEmployers : []);
    for (const z of zones.filter((z) => z.fairId === fair.id)) {
      // Employers with open work of the zone's kind; about half the places get booked.
      const fitting = [...new Set(offers.filter((o) => o.kindId === z.workKindId).map((o) => o.employerId))].filter((e) => !taken.has(e));
      const n = Math.min(fitting.length, Math.ceil(z.capacity / 2));
      for (const employerId of fitting.slice(0, n)) {
        taken.add(employerId);
        const past = fairSeeds[i].dateIn < 0;
        // At the fair that is over, one employer booked and did not come.
        const noShow = past && bookings.filter((b) => b.fairId === fair.id).length === 0;
        bookings.push({
          fairId: fair.id,
          zoneId: z.id,
          employerId,
          status: noShow ? "no_show" : "booked",
          createdAt: now - 15 * 86_400_000,
          noShowBy: noShow ? staffOf(fairSeeds[i].county) : null,
          noShowAt: noShow ? now - 10 * 86_400_000 : null,
        });
        booked.set(z.id, (booked.get(z.id) ?? 0) + 1);
      }
    }
  }
  if (bookings.length) {
    await deps.database.write((tx) =>
      tx.batch([
        tx.insert(jobFairBookings).values(bookings),
        ...[...booked].map(([zoneId, n]) => tx.update(jobFairZones).set({ bookedCount: n }).where(eq(jobFairZones.id, zoneId))),
      ]),
    );
  }

  // --- Articles -------------------------------------------------------------------
  const author = ctx.accounts.get("city_admin")?.id ?? null;
  await deps.database.write((tx) =>
    tx.insert(policyArticles).values(
      articleSeeds.map(([category, title, body, county], i) => ({
        category,
        title,
        body,
        marketId: county ? marketOf(county) : null,
        createdBy: county ? staffOf(county) : author,
        createdAt: now - (30 - i) * 86_400_000,
        updatedBy: county ? staffOf(county) : author,
        updatedAt: now - (30 - i) * 86_400_000,
      })),
    ),
  );
  ctx.ids.trainingSessions = sessions.map((s) => s.id);
  ctx.ids.jobFairs = fairs.map((f) => f.id);
}

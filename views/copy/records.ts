// Words for the records: an employer's payment record, the going rate, and a
// worker's own record (我的务工记录). The definitions here say in plain words
// what docs/records.zh-CN.md says for the office.
import type { EmployerKind } from "../../db/schema/constants.ts";

const yuan = (fen: number) => {
  const y = fen / 100;
  return Number.isInteger(y) ? String(y) : y.toFixed(2).replace(/0$/, "");
};
const unitText = { day: "元/天", hour: "元/小时", piece: "元/件" } as const;
type RateUnit = keyof typeof unitText;

export const records = {
  // --- An employer's record
  recordTitle: "雇主用工记录",
  newEmployer: "新雇主,暂无记录",
  /** "近一年用工 23 次,22 次工人确认拿到了工钱;欠薪投诉 0 起未结" */
  summary: (r: { hires: number; paid: number; notPaid: number; unanswered: number; wageCasesOpen: number; wageCasesOpened: number }) =>
    `近一年用工 ${r.hires} 次` +
    (r.hires > 0 ? `,${r.paid} 次工人确认拿到了工钱` : "") +
    (r.notPaid > 0 ? `,${r.notPaid} 次工人说没拿到` : "") +
    (r.unanswered > 0 ? `,${r.unanswered} 次工人还没回答` : "") +
    `;欠薪投诉 ${r.wageCasesOpen} 起未结` +
    (r.wageCasesOpened > 0 ? `(近一年共收到 ${r.wageCasesOpened} 起)` : ""),
  verified: (months: number | null) => {
    if (months === null) return "未通过认证";
    if (months < 1) return "认证不满 1 个月";
    const y = Math.floor(months / 12);
    const m = months % 12;
    return `已认证 ${y ? `${y} 年` : ""}${y && m ? " " : ""}${m ? `${m} 个月` : ""}`;
  },
  /** Link from a job page to the employer's card. */
  cardLink: "看这位雇主的用工记录",
  howCounted: "这些数字怎么算",
  definitions: [
    "只算近一年(到今天为止的 12 个月)里干完的活:雇主标了“活干完了”,或者最后一天已经过去、没有取消的用工。",
    "“确认拿到了工钱”是工人自己在平台上回答“拿到了”的次数;“说没拿到”是回答“没拿到”的次数;还没回答的单独算。",
    "欠薪投诉只算监管热线登记的“欠薪”类投诉。“未结”是还没有办结的,不论哪天收到;“近一年共收到”是近一年登记的件数,不论结果。",
    "这些数字由平台根据用工记录自动算出,雇主和工作人员都不能改。数字里不出现任何工人的名字。",
  ],
  // The public card
  cardTitle: "雇主信息",
  privateEmployer: "个人雇主",
  kinds: { sole_trader: "个体工商户", company: "企业", private: "个人雇主", hr_agency: "人力资源服务机构" } satisfies Record<EmployerKind, string>,
  county: "所在地",
  kind: "类型",
  openJobs: "正在招工",
  noOpenJobs: "现在没有正在招工的活。",
  // The employer's own view
  mineTitle: "我的用工记录(雇主)",
  mineIntro: "工人在看您的招工信息时,能看到下面这句话。",
  mineCounted: (n: number) => `算进记录的用工(${n} 次)`,
  mineNone: "近一年还没有算进记录的用工。",
  answer: { paid: "工人说拿到了", not_paid: "工人说没拿到", none: "工人还没回答" },
  colDates: "日期",
  colWork: "活",
  colAnswer: "工钱",
  toHire: "看用工记录",
  meLinkEmployer: "我的用工记录(工人能看到)",

  // --- The going rate
  goingRateTitle: "行情参考",
  /** "鄢陵县 家政保洁 近 90 天成交:中位数 30 元/小时,多数在 28–35 元" */
  goingRate: (place: string, kind: string, r: { median: number; p25: number; p75: number; unit: RateUnit }) =>
    `${place} ${kind} 近 90 天成交:中位数 ${yuan(r.median)} ${unitText[r.unit]},多数在 ${yuan(r.p25)}–${yuan(r.p75)} 元`,
  goingRateCount: (n: number) => `(${n} 次用工)`,
  goingRateNone: "您所在的县近 90 天成交还不够 10 次,暂无行情参考。",
  goingRateFormIntro: (county: string) => `${county}近 90 天各工种成交的工钱,供您定价参考:`,
  wellBelow: (median: string, unit: RateUnit) => `这个工钱明显低于本地行情(中位数 ${median} ${unitText[unit]}),报名前请问清楚。`,
  trendTitle: "各工种工钱走势(中位数)",
  trendIntro: "每月成交的用工,工钱的中位数;不到 10 次的月份不显示。",
  trendKind: "工种",
  trendUnit: "单位",
  units: unitText,
  trendFew: "—",
  trendNone: "近半年还没有成交的用工。",

  // --- A worker's own record
  workerTitle: "我的务工记录",
  workerIntro: "您在平台上干完的活。可以打印出来,办补贴、贷款或者讨薪时用。",
  workerNone: "还没有干完的活。",
  workerSummary: (s: { hires: number; paid: number; notPaid: number; unanswered: number }) =>
    `共 ${s.hires} 次用工,${s.paid} 次拿到了工钱` + (s.notPaid ? `,${s.notPaid} 次没拿到` : "") + (s.unanswered ? `,${s.unanswered} 次没回答` : ""),
  colEmployer: "雇主",
  colWage: "工钱",
  paidWords: { paid: "拿到了", not_paid: "没拿到", none: "没回答" },
  print: "打印务工记录",
  printTitle: "务工记录",
  printFor: (name: string) => `姓名:${name}`,
  printIssued: (date: string) => `出具日期:${date}`,
  printCheck: "工作人员扫描二维码可核对这份记录是否由平台出具。",
  printCode: (code: string) => `核验码:${code}`,
  printMore: (n: number) => `(另有 ${n} 次更早的用工未列出)`,
  back: "返回",
  deskLink: "务工记录(可打印)",
  // The check page staff see after scanning
  checkTitle: "务工记录核验",
  checkOk: "这份记录是本平台出具的。请核对打印件上的数字与下面一致:",
  checkUnknown: "查不到这个核验码。这份打印件不是本平台出具的,或者已经作废。",
  checkName: "姓名",
  checkIssued: "出具日期",
  checkPeriod: "用工日期",
  checkPeriodText: (from: string | null, to: string | null) => (from && to ? `${from} 至 ${to}` : "无"),
  checkSummary: "用工情况",
  checkNow: (s: string) => `今天的记录:${s}`,
  forgotten: "(本人已申请删除个人信息)",
};

// Words for the hires feature: the hire record (用工记录) and its printed agreement.
import type { HireStatus } from "../../db/schema/constants.ts";

export const hires = {
  title: "用工记录",
  printTitle: "用工书面承诺",
  number: (id: number) => `记录编号:${id}`,
  worker: "工人",
  employer: "雇主",
  contact: "联系人",
  phone: "电话",
  work: "干什么活",
  wage: "约定工钱",
  quoteWage: (yuan: string) => `${yuan} 元(整个活的报价)`,
  dates: "工作日期",
  place: "工作地点",
  duties: "工作内容",
  status: "状态",
  confirmedAt: "确认时间",
  statuses: {
    confirmed: "已确认,等上工",
    working: "正在干活",
    completed: "已完工",
    cancelled: "已取消",
  } satisfies Record<HireStatus, string>,
  actions: {
    start: "开始干活了",
    complete: "活干完了",
    cancel: "取消这次用工",
  },
  marked: "已更新,对方会收到通知。",
  wrongState: "现在不能这样操作。",
  print: "打印书面承诺",
  via: (market: string) => `由${market}代办`,

  askPaid: "工钱拿到了吗?",
  askPaidHint: "请如实回答。没拿到的话,工作人员会帮您讨。",
  paid: "拿到了",
  notPaid: "没拿到",
  paidAnswer: { paid: "工人说:工钱已拿到", not_paid: "工人说:工钱没拿到" },
  thanksPaid: "好的,已记下。",
  notPaidDone: (hotline: string) => `已记下,已登记为欠薪投诉,投诉编号会发短信给您。工作人员会联系您,帮您讨工钱。也可以打监管热线 ${hotline}。`,
  alreadyAnswered: "您已经回答过了。",
  notYet: "干完活以后才能回答。",

  // The printed agreement
  agreementHeading: "零工用工书面承诺",
  agreementIntro: "双方在零工市场平台上确认了下面的用工约定,并承诺遵守。",
  employerPledges: [
    "按约定的工钱足额支付,按时结清,不拖欠、不克扣。",
    "提供安全的干活条件,不安排违法或危险的活。",
    "不向工人收取任何押金、介绍费或其他费用。",
  ],
  workerPledges: ["按约定的时间到岗,认真干活。", "遵守安全规定,爱护雇主的财物。"],
  employerPledgeTitle: "雇主承诺",
  workerPledgeTitle: "工人承诺",
  signWorker: "工人签字:",
  signEmployer: "雇主签字:",
  signDate: "日期:",
  agreementFoot: (hotline: string) => `平台服务免费。遇到欠薪或纠纷,请打监管热线 ${hotline}。`,
  backToRecord: "回到用工记录",

  notices: {
    status: (title: string, status: string) => `“${title}”的用工状态:${status}。`,
    paid: (title: string) => `工人确认已收到“${title}”的工钱。`,
    notPaid: (title: string) => `工人反映没有收到“${title}”的工钱。请尽快结清;工作人员可能会联系您。`,
  },
} as const;

// Words of the text messages (SMS templates) and of the SMS pages for staff.
// A template's wording is written with ${name} placeholders, exactly as it is
// applied for at Aliyun; for Tencent the same wording is applied for with
// {1}, {2}, … in the order of the template's parameters (docs/install.zh-CN.md).
// The provider adds the signature 【签名】 in front. Keep each within one
// 70-character segment with typical values; never put an ID number in one.
export const sms = {
  templates: {
    verifyCode: "验证码${code},5分钟内有效,请勿告诉他人。",
    hired: "您已被录用:${job},${date}${time}到${place},雇主电话${phone}。",
    signupReceived: "已收到您报名${job}。雇主选中您会再发短信;${date}前没收到即未选中。",
    trainingConfirmed: "您已报上培训${course},${date}${time}在${place}上课。",
    trainingWaiting: "培训${course}已满,您是候补第${no}位,补上时短信通知您。",
    trainingPromoted: "候补转为正式报名:${course},${date}${time}在${place}上课。",
    trainingCancelled: "培训${course}(${date})已取消:${reason}。",
    fairCancelled: "招聘会${fair}(${date})已取消:${reason}。",
    employerVerified: "您的雇主信息已通过审核,可以发布招工了。",
    employerRejected: "您的雇主信息未通过审核:${reason}。请登录修改后重新提交。",
    employerRevoked: "您的雇主认证已被取消:${reason}。有疑问请打监管热线。",
    caseOpened: "您的投诉已登记,编号${case},打${hotline}可查进度。",
    caseStatus: "您的投诉${case}现在${status}。详情请打${hotline}。",
    jobAlert: "新招工${jobs}。回复“报名 编号”即可报名,回TD退订。",
    alertSubscribed: "已为您订阅${what}招工短信,每天最多1条,回TD退订。",
    replySignedUp: "已为您报名${job}(编号${no}),雇主选中您会再发短信。",
    replyRefused: "报名${no}没有成功:${reason}。",
    stopped: "已退订,不再给您发短信。需要时请到零工驿站重新订阅。",
  },
  /** What each template is for, in the install guide and on the staff page. */
  purposes: {
    verifyCode: "验证码(证明手机号)",
    hired: "录用通知",
    signupReceived: "报名已收到",
    trainingConfirmed: "培训报上名",
    trainingWaiting: "培训候补",
    trainingPromoted: "培训候补转正",
    trainingCancelled: "培训取消",
    fairCancelled: "招聘会取消",
    employerVerified: "雇主审核通过",
    employerRejected: "雇主审核未通过",
    employerRevoked: "雇主认证取消",
    caseOpened: "投诉已登记",
    caseStatus: "投诉进度",
    jobAlert: "招工短信提醒",
    alertSubscribed: "订阅招工短信",
    replySignedUp: "回复报名成功",
    replyRefused: "回复报名未成功",
    stopped: "退订确认",
    legacy: "旧版短信(无模板)",
  },
  /** Short words put into templates as parameters. */
  words: {
    anyKind: "各类",
    dateRange: (from: string, to: string) => (from === to ? from : `${from}至${to}`),
    monthDay: (m: number, d: number) => `${m}月${d}日`,
    noAddress: "雇主告知的地点",
    online: "线上",
    jobLine: (id: number, title: string) => `${id}${title}`,
    reasons: {
      notFound: "没有这个编号的招工",
      full: "已招满",
      closed: "已停止招人",
      already: "您已报过名",
      unproven: "手机号未验证,请到零工驿站办理",
      noAccount: "号码未登记,请到零工驿站办理",
    },
  },
} as const;

/** The staff page of texts (短信记录). */
export const smsPages = {
  textsTitle: "短信记录",
  meTexts: "短信记录(发送与回执)",
  textsIntro: (provider: string) => `每条短信的发送情况:尝试次数、失败原因、运营商回执。当前短信平台:${provider}。号码只显示前三后四位。`,
  providerNames: { log: "未接短信平台(只写日志,开发用)", aliyun: "阿里云短信", tencent: "腾讯云短信" } as Record<string, string>,
  filterLabel: "只看",
  filters: { all: "全部", pending: "待发送", sent: "已发出", failed: "发送失败", undelivered: "未送达" } as Record<string, string>,
  none: "没有这样的短信。",
  statuses: { pending: "待发送", sent: "已发出", failed: "发送失败" } as Record<string, string>,
  attempts: (n: number) => `尝试 ${n} 次`,
  reasonLine: (e: string) => `失败原因:${e}`,
  receiptLine: (receipt: string | null, error: string | null, at: string) => (receipt ? `回执:${receipt}${error ? `(${error})` : ""} ${at}` : "回执:尚无"),
  receipts: { delivered: "已送达", undelivered: "未送达" } as Record<string, string>,
  sentAt: "发出时间",
  scopeCity: "全市",
};

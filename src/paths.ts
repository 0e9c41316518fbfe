// Every path of the site, defined once: routes register these patterns, and
// forms, links and tests build URLs with the same functions. Each feature owns
// its section; a pattern with ":id" sits beside the builder that fills it.
type Id = number | string;

/** The builder's arguments: one per ":name" in the pattern, in order. */
type Args<P extends string> = P extends `${string}:${string}/${infer Rest}` ? [Id, ...Args<`/${Rest}`>] : P extends `${string}:${string}` ? [Id] : [];

/**
 * A path with parameters, written once: `...route("show", "/jobs/:id")` gives
 * `show: (id) => "/jobs/7"` (for links and tests) and `showPattern: "/jobs/:id"`
 * (for the router), so the two can never drift apart.
 */
function route<K extends string, P extends string>(name: K, pattern: P): { [k in K]: (...args: Args<P>) => string } & { [k in `${K}Pattern`]: P } {
  const build = (...args: Id[]) => {
    let i = 0;
    return pattern.replace(/:\w+/g, () => String(args[i++]));
  };
  return { [name]: build, [`${name}Pattern`]: pattern } as { [k in K]: (...args: Args<P>) => string } & { [k in `${K}Pattern`]: P };
}

export const paths = {
  home: "/",
  healthz: "/healthz",
  textSize: "/text-size",
  accounts: {
    login: "/login",
    logout: "/logout",
    setup: "/setup",
    me: "/me",
    /** What we do with personal data (个人信息保护), linked from every page's footer and every registration form. */
    privacy: "/privacy",
    admin: "/admin/accounts",
    adminNew: "/admin/accounts/new",
    ...route("adminDisable", "/admin/accounts/:id/disable"),
  },
  /** Staff: household postings held for their headcount, to approve or reject (issue #16). */
  review: {
    queue: "/staff/held-postings",
    show: (id: Id) => `/staff/held-postings/${id}`,
    showPattern: "/staff/held-postings/:id",
    approve: (id: Id) => `/staff/held-postings/${id}/approve`,
    approvePattern: "/staff/held-postings/:id/approve",
    reject: (id: Id) => `/staff/held-postings/${id}/reject`,
    rejectPattern: "/staff/held-postings/:id/reject",
  },
  employers: {
    register: "/employers/register",
    /** The employer's own home: status, reason of a rejection, what to do next. */
    home: "/employer",
    /** Fill in or correct the details (while pending or after a rejection). */
    edit: "/employer/edit",
    /** 审核 queue for staff. */
    queue: "/staff/employers",
    ...route("show", "/staff/employers/:id"),
    ...route("verify", "/staff/employers/:id/verify"),
    ...route("reject", "/staff/employers/:id/reject"),
    ...route("reveal", "/staff/employers/:id/reveal"),
  },
  workers: {
    register: "/register",
    /** 忘记密码: a new PIN by SMS code. */
    forgotPin: "/forgot-pin",
    list: "/workers",
    profile: "/me/profile",
    pin: "/me/pin",
    cards: "/me/cards",
    cardNew: "/me/cards/new",
    ...route("cardClose", "/me/cards/:id/close"),
    ...route("cardReopen", "/me/cards/:id/reopen"),
  },
  /** Proving a phone by SMS code (验证码); the token is random and says nothing about the person. */
  phone: {
    ...route("code", "/phone/:token"),
    ...route("resend", "/phone/:token/resend"),
    /** The new PIN, after a reset code matched. */
    ...route("newPin", "/forgot-pin/:token"),
    /** 验证码登录: a second way in. */
    login: "/login/code",
    /** 查报名结果: phone + code. */
    results: "/results",
    /** Staff send a code to the worker in front of them. */
    ...route("deskVerify", "/desk/workers/:id/verify-phone"),
  },
  messages: {
    inbox: "/inbox",
    readAll: "/inbox/read",
    /** Staff: every text, its attempts, failure reason and delivery receipt (回执). */
    texts: "/admin/sms",
    /** Providers' delivery receipts (回执); :token is SMS_CALLBACK_TOKEN, :provider aliyun or tencent. */
    ...route("receipt", "/api/sms/:token/:provider/report"),
    /** Providers' inbound texts (上行): replies such as 报名 1234 or TD. */
    ...route("reply", "/api/sms/:token/:provider/reply"),
  },
  jobs: {
    list: "/jobs",
    new: "/jobs/new",
    /** 即时快招: a same-day posting in five fields. */
    quick: "/jobs/quick",
    ...route("show", "/jobs/:id"),
    ...route("edit", "/jobs/:id/edit"),
    ...route("publish", "/jobs/:id/publish"),
    ...route("close", "/jobs/:id/close"),
    ...route("relist", "/jobs/:id/relist"),
    /** Staff take a posting down, with a reason. */
    ...route("remove", "/jobs/:id/remove"),
    ...route("apply", "/jobs/:id/apply"),
    /** The employer's own postings. */
    mine: "/employer/jobs",
    ...route("applicants", "/employer/jobs/:id/applicants"),
    ...route("confirm", "/employer/applications/:id/confirm"),
    ...route("decline", "/employer/applications/:id/decline"),
    /** A worker's own sign-ups. */
    applications: "/me/jobs",
    ...route("withdraw", "/me/jobs/:id/withdraw"),
    /** The first PIN of an account made by a sign-up without one (changing a PIN is /me/pin). */
    firstPin: "/me/jobs/pin",
    /** Under /api/v1. */
    api: "/jobs",
    apiShowPattern: "/jobs/:id",
  },
  hires: {
    ...route("show", "/hires/:id"),
    ...route("print", "/hires/:id/print"),
    /** confirmed → working → completed, marked by the employer or staff. */
    ...route("status", "/hires/:id/status"),
    /** The worker's answer to "工钱拿到了吗?". */
    ...route("paid", "/hires/:id/paid"),
  },
  desk: {
    /** The station desk (驿站工作台); county and city admins add ?market=<id>. */
    home: "/desk",
    register: "/desk/register",
    checkin: "/desk/checkin",
    ...route("worker", "/desk/workers/:id"),
    ...route("card", "/desk/workers/:id/card"),
    ...route("reveal", "/desk/workers/:id/reveal"),
    ...route("unlock", "/desk/workers/:id/unlock"),
    ...route("pin", "/desk/workers/:id/pin"),
    ...route("consent", "/desk/workers/:id/consent"),
    ...route("consentRemove", "/desk/workers/:id/consent/remove"),
    ...route("contact", "/desk/workers/:id/contacts"),
    /** SMS job alerts for the worker at the desk (features/alerts). */
    ...route("alerts", "/desk/workers/:id/alerts"),
    ...route("alertsStop", "/desk/workers/:id/alerts/stop"),
    ...route("signUp", "/desk/workers/:id/sign-up"),
    /** 困难零工人员: the help queue. */
    priority: "/desk/priority",
    /** The station's fair-order rule and today's order; draw = 抽签. */
    order: "/desk/order",
    draw: "/desk/order/draw",
    /** Acting for a walk-in employer or worker (代办). */
    postJob: "/desk/jobs/new",
    ...route("confirm", "/desk/applications/:id/confirm"),
    printJobs: "/desk/print/jobs",
    printPoster: "/desk/print/poster",
    /** A worker's record (务工记录), printed at the desk for her. */
    ...route("record", "/desk/workers/:id/record"),
    /** Public: what a printed worker card's QR code opens. */
    ...route("cardCode", "/card/:code"),
    /** Public: a station's rule and today's order (the directory owns /markets/:id). */
    ...route("stationOrder", "/stations/:id/order"),
  },
  hotline: {
    home: "/hotline",
    report: "/hotline/report",
    reported: "/hotline/report/done",
    status: "/hotline/status",
    /** The second way to check: prove the phone on the case by SMS code (no case number needed). */
    statusSms: "/hotline/status/sms",
    ...route("statusMine", "/hotline/status/sms/:token"),
    cases: "/hotline/cases",
    newCase: "/hotline/cases/new",
    ...route("case", "/hotline/cases/:id"),
    ...route("step", "/hotline/cases/:id/step"),
    ...route("assign", "/hotline/cases/:id/assign"),
    ...route("reveal", "/hotline/cases/:id/reveal"),
    callList: "/hotline/call-list",
    ...route("callAnswer", "/hotline/call-list/:hireId"),
    figures: "/hotline/figures",
    export: "/hotline/export.csv",
  },
  training: {
    list: "/training",
    ...route("show", "/training/:id"),
    ...route("signup", "/training/:id/signup"),
    ...route("cancelSignup", "/training/signups/:id/cancel"),
    ...route("certificate", "/training/signups/:id/certificate"),
    mine: "/me/training",
    staffList: "/staff/training",
    staffNew: "/staff/training/new",
    ...route("staffShow", "/staff/training/:id"),
    ...route("staffEdit", "/staff/training/:id/edit"),
    ...route("staffCancel", "/staff/training/:id/cancel"),
    ...route("staffWalkIn", "/staff/training/:id/signups"),
    ...route("staffCancelSignup", "/staff/training/signups/:id/cancel"),
    ...route("attendance", "/staff/training/:id/attendance"),
    ...route("sheet", "/staff/training/:id/sheet"),
    ...route("completersCsv", "/staff/training/:id/completers.csv"),
    // 专场招聘会: job fairs with zones by kind of work.
    fairs: "/fairs",
    ...route("fair", "/fairs/:id"),
    ...route("fairZone", "/fairs/:id/zones/:zoneId"),
    ...route("fairBook", "/fairs/:id/book"),
    ...route("fairCancelBooking", "/fairs/bookings/:id/cancel"),
    staffFairs: "/staff/fairs",
    staffFairNew: "/staff/fairs/new",
    ...route("staffFair", "/staff/fairs/:id"),
    ...route("staffFairCancel", "/staff/fairs/:id/cancel"),
    ...route("staffNoShow", "/staff/fairs/bookings/:id/no-show"),
  },
  policy: {
    list: "/policy",
    ...route("show", "/policy/:id"),
    staffList: "/staff/policy",
    staffNew: "/staff/policy/new",
    ...route("staffEdit", "/staff/policy/:id/edit"),
    ...route("staffArchive", "/staff/policy/:id/archive"),
  },
  markets: {
    /** 名录: the public directory. */
    list: "/markets",
    ...route("show", "/markets/:id"),
    admin: "/admin/markets",
    adminNew: "/admin/markets/new",
    ...route("adminEdit", "/admin/markets/:id/edit"),
    /** 十个一: every county's progress (city admin). */
    checklist: "/admin/checklist",
    ...route("checklistCounty", "/admin/checklist/:county"),
    ...route("checklistMarket", "/admin/checklist/:county/:id"),
    /** Atom feed of a county's open postings: `/feeds/jobs/411024.atom`. */
    feed: (county: string) => `/feeds/jobs/${county}.atom`,
    feedPattern: "/feeds/jobs/:file",
    /** Under /api/v1. */
    api: "/markets",
    apiShowPattern: "/markets/:id",
  },
  monitoring: {
    home: "/monitoring",
    /** 台账: ?kind=postings|signups|hires|checkins&scope&from&to */
    ledger: "/monitoring/ledger.csv",
    /** The county's daily statistics file, for the city's instance. */
    statsExport: "/monitoring/stats-export",
    statsImport: "/admin/stats-import",
  },
  ops: {
    status: "/admin/status",
    forget: "/staff/forget",
    ...route("forgetWorker", "/staff/forget/:id"),
  },
  alerts: {
    /** A worker's own SMS job alerts. */
    mine: "/me/alerts",
    mineStop: "/me/alerts/stop",
  },
  supervision: {
    home: "/staff/supervision",
    ...route("market", "/staff/supervision/markets/:id"),
    ...route("newInspection", "/staff/supervision/markets/:id/inspections/new"),
    ...route("inspection", "/staff/supervision/inspections/:id"),
    ...route("rectified", "/staff/supervision/inspections/:id/rectified"),
    ...route("newIncident", "/staff/supervision/markets/:id/incidents/new"),
    /** Incident counts per market and month (admins). */
    incidents: "/staff/supervision/incidents",
    roadside: "/staff/supervision/roadside",
    newPoint: "/staff/supervision/roadside/new",
    ...route("point", "/staff/supervision/roadside/:id"),
    ...route("count", "/staff/supervision/roadside/:id/counts"),
  },
  records: {
    /** Public: an employer's card with her record (the name only for businesses). */
    ...route("employer", "/employers/:id"),
    /** The employer's own record and which hires count. */
    employerMine: "/employer/record",
    /** 我的务工记录: a worker's own record, and its one-page print. */
    mine: "/me/record",
    minePrint: "/me/record/print",
    /** What a printed record's QR code opens (staff only): a random code, nothing personal. */
    ...route("check", "/records/check/:code"),
    /** Monitoring: the median wage per kind of work, month by month (staff: their county; city admin: the city). */
    trend: "/monitoring/going-rates",
  },
  api: {
    root: "/api/v1",
  },
} as const;

/**
 * A local path to return to (after login, after switching the text size); anything else falls back to "/".
 * Browsers drop tabs and newlines anywhere in a URL and read "\\" as "/", so "/\t/evil.example" or
 * "/\\evil.example" would leave the site: any control character, backslash or whitespace is refused, as is
 * whatever the URL parser (the one browsers use) resolves to another origin. Letters outside ASCII are
 * percent-encoded, so the answer is always a valid header value (a raw CR/LF in a Location header is a 500).
 */
export function safeNext(next: string | undefined | null): string {
  if (!next || next.length > 300 || !next.startsWith("/") || next.startsWith("//")) return "/";
  // C0 and C1 controls, DEL, backslash, every kind of space, and lone surrogates.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u00a0\\\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(next)) return "/";
  const encoded = next.replace(/[^\u0021-\u007e]+/g, (s) => encodeURI(s));
  try {
    const base = "http://local.invalid";
    const u = new URL(encoded, base);
    if (u.origin !== base) return "/";
  } catch {
    return "/";
  }
  return encoded;
}

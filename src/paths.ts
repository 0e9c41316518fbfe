// Every path of the site, defined once: routes register these patterns, and
// forms, links and tests build URLs with the same functions. Each feature owns
// its section; a pattern with ":id" sits beside the builder that fills it.
type Id = number | string;

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
    adminDisable: (id: Id) => `/admin/accounts/${id}/disable`,
    adminDisablePattern: "/admin/accounts/:id/disable",
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
    show: (id: Id) => `/staff/employers/${id}`,
    showPattern: "/staff/employers/:id",
    verify: (id: Id) => `/staff/employers/${id}/verify`,
    verifyPattern: "/staff/employers/:id/verify",
    reject: (id: Id) => `/staff/employers/${id}/reject`,
    rejectPattern: "/staff/employers/:id/reject",
    reveal: (id: Id) => `/staff/employers/${id}/reveal`,
    revealPattern: "/staff/employers/:id/reveal",
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
    cardClose: (id: Id) => `/me/cards/${id}/close`,
    cardClosePattern: "/me/cards/:id/close",
    cardReopen: (id: Id) => `/me/cards/${id}/reopen`,
    cardReopenPattern: "/me/cards/:id/reopen",
  },
  /** Proving a phone by SMS code (验证码); the token is random and says nothing about the person. */
  phone: {
    code: (token: string) => `/phone/${token}`,
    codePattern: "/phone/:token",
    resend: (token: string) => `/phone/${token}/resend`,
    resendPattern: "/phone/:token/resend",
    /** The new PIN, after a reset code matched. */
    newPin: (token: string) => `/forgot-pin/${token}`,
    newPinPattern: "/forgot-pin/:token",
    /** 验证码登录: a second way in. */
    login: "/login/code",
    /** 查报名结果: phone + code. */
    results: "/results",
    /** Staff send a code to the worker in front of them. */
    deskVerify: (id: Id) => `/desk/workers/${id}/verify-phone`,
    deskVerifyPattern: "/desk/workers/:id/verify-phone",
  },
  messages: {
    inbox: "/inbox",
    readAll: "/inbox/read",
    /** Staff: every text, its attempts, failure reason and delivery receipt (回执). */
    texts: "/admin/sms",
    /** Providers' delivery receipts (回执); :token is SMS_CALLBACK_TOKEN, :provider aliyun or tencent. */
    receiptPattern: "/api/sms/:token/:provider/report",
    receipt: (token: string, provider: string) => `/api/sms/${token}/${provider}/report`,
    /** Providers' inbound texts (上行): replies such as 报名 1234 or TD. */
    replyPattern: "/api/sms/:token/:provider/reply",
    reply: (token: string, provider: string) => `/api/sms/${token}/${provider}/reply`,
  },
  jobs: {
    list: "/jobs",
    new: "/jobs/new",
    /** 即时快招: a same-day posting in five fields. */
    quick: "/jobs/quick",
    show: (id: Id) => `/jobs/${id}`,
    showPattern: "/jobs/:id",
    edit: (id: Id) => `/jobs/${id}/edit`,
    editPattern: "/jobs/:id/edit",
    publish: (id: Id) => `/jobs/${id}/publish`,
    publishPattern: "/jobs/:id/publish",
    close: (id: Id) => `/jobs/${id}/close`,
    closePattern: "/jobs/:id/close",
    relist: (id: Id) => `/jobs/${id}/relist`,
    relistPattern: "/jobs/:id/relist",
    /** Staff take a posting down, with a reason. */
    remove: (id: Id) => `/jobs/${id}/remove`,
    removePattern: "/jobs/:id/remove",
    apply: (id: Id) => `/jobs/${id}/apply`,
    applyPattern: "/jobs/:id/apply",
    /** The employer's own postings. */
    mine: "/employer/jobs",
    applicants: (id: Id) => `/employer/jobs/${id}/applicants`,
    applicantsPattern: "/employer/jobs/:id/applicants",
    confirm: (applicationId: Id) => `/employer/applications/${applicationId}/confirm`,
    confirmPattern: "/employer/applications/:id/confirm",
    decline: (applicationId: Id) => `/employer/applications/${applicationId}/decline`,
    declinePattern: "/employer/applications/:id/decline",
    /** A worker's own sign-ups. */
    applications: "/me/jobs",
    withdraw: (applicationId: Id) => `/me/jobs/${applicationId}/withdraw`,
    withdrawPattern: "/me/jobs/:id/withdraw",
    /** The first PIN of an account made by a sign-up without one (changing a PIN is /me/pin). */
    firstPin: "/me/jobs/pin",
    /** Under /api/v1. */
    api: "/jobs",
    apiShowPattern: "/jobs/:id",
  },
  hires: {
    show: (id: Id) => `/hires/${id}`,
    showPattern: "/hires/:id",
    print: (id: Id) => `/hires/${id}/print`,
    printPattern: "/hires/:id/print",
    /** confirmed → working → completed, marked by the employer or staff. */
    status: (id: Id) => `/hires/${id}/status`,
    statusPattern: "/hires/:id/status",
    /** The worker's answer to "工钱拿到了吗?". */
    paid: (id: Id) => `/hires/${id}/paid`,
    paidPattern: "/hires/:id/paid",
  },
  desk: {
    /** The station desk (驿站工作台); county and city admins add ?market=<id>. */
    home: "/desk",
    register: "/desk/register",
    checkin: "/desk/checkin",
    worker: (id: Id) => `/desk/workers/${id}`,
    workerPattern: "/desk/workers/:id",
    card: (id: Id) => `/desk/workers/${id}/card`,
    cardPattern: "/desk/workers/:id/card",
    reveal: (id: Id) => `/desk/workers/${id}/reveal`,
    revealPattern: "/desk/workers/:id/reveal",
    unlock: (id: Id) => `/desk/workers/${id}/unlock`,
    unlockPattern: "/desk/workers/:id/unlock",
    pin: (id: Id) => `/desk/workers/${id}/pin`,
    pinPattern: "/desk/workers/:id/pin",
    consent: (id: Id) => `/desk/workers/${id}/consent`,
    consentPattern: "/desk/workers/:id/consent",
    consentRemove: (id: Id) => `/desk/workers/${id}/consent/remove`,
    consentRemovePattern: "/desk/workers/:id/consent/remove",
    contact: (id: Id) => `/desk/workers/${id}/contacts`,
    contactPattern: "/desk/workers/:id/contacts",
    /** SMS job alerts for the worker at the desk (features/alerts). */
    alerts: (id: Id) => `/desk/workers/${id}/alerts`,
    alertsPattern: "/desk/workers/:id/alerts",
    alertsStop: (id: Id) => `/desk/workers/${id}/alerts/stop`,
    alertsStopPattern: "/desk/workers/:id/alerts/stop",
    signUp: (id: Id) => `/desk/workers/${id}/sign-up`,
    signUpPattern: "/desk/workers/:id/sign-up",
    /** 困难零工人员: the help queue. */
    priority: "/desk/priority",
    /** The station's fair-order rule and today's order; draw = 抽签. */
    order: "/desk/order",
    draw: "/desk/order/draw",
    /** Acting for a walk-in employer or worker (代办). */
    postJob: "/desk/jobs/new",
    confirm: (applicationId: Id) => `/desk/applications/${applicationId}/confirm`,
    confirmPattern: "/desk/applications/:id/confirm",
    printJobs: "/desk/print/jobs",
    printPoster: "/desk/print/poster",
    /** A worker's record (务工记录), printed at the desk for her. */
    record: (id: Id) => `/desk/workers/${id}/record`,
    recordPattern: "/desk/workers/:id/record",
    /** Public: what a printed worker card's QR code opens. */
    cardCode: (code: string) => `/card/${code}`,
    cardCodePattern: "/card/:code",
    /** Public: a station's rule and today's order (the directory owns /markets/:id). */
    stationOrder: (id: Id) => `/stations/${id}/order`,
    stationOrderPattern: "/stations/:id/order",
  },
  hotline: {
    home: "/hotline",
    report: "/hotline/report",
    reported: "/hotline/report/done",
    status: "/hotline/status",
    cases: "/hotline/cases",
    newCase: "/hotline/cases/new",
    case: (id: Id) => `/hotline/cases/${id}`,
    casePattern: "/hotline/cases/:id",
    step: (id: Id) => `/hotline/cases/${id}/step`,
    stepPattern: "/hotline/cases/:id/step",
    assign: (id: Id) => `/hotline/cases/${id}/assign`,
    assignPattern: "/hotline/cases/:id/assign",
    reveal: (id: Id) => `/hotline/cases/${id}/reveal`,
    revealPattern: "/hotline/cases/:id/reveal",
    callList: "/hotline/call-list",
    callAnswer: (hireId: Id) => `/hotline/call-list/${hireId}`,
    callAnswerPattern: "/hotline/call-list/:hireId",
    figures: "/hotline/figures",
    export: "/hotline/export.csv",
  },
  training: {
    list: "/training",
    show: (id: Id) => `/training/${id}`,
    showPattern: "/training/:id",
    signup: (id: Id) => `/training/${id}/signup`,
    signupPattern: "/training/:id/signup",
    cancelSignup: (id: Id) => `/training/signups/${id}/cancel`,
    cancelSignupPattern: "/training/signups/:id/cancel",
    certificate: (id: Id) => `/training/signups/${id}/certificate`,
    certificatePattern: "/training/signups/:id/certificate",
    mine: "/me/training",
    staffList: "/staff/training",
    staffNew: "/staff/training/new",
    staffShow: (id: Id) => `/staff/training/${id}`,
    staffShowPattern: "/staff/training/:id",
    staffEdit: (id: Id) => `/staff/training/${id}/edit`,
    staffEditPattern: "/staff/training/:id/edit",
    staffCancel: (id: Id) => `/staff/training/${id}/cancel`,
    staffCancelPattern: "/staff/training/:id/cancel",
    staffWalkIn: (id: Id) => `/staff/training/${id}/signups`,
    staffWalkInPattern: "/staff/training/:id/signups",
    staffCancelSignup: (id: Id) => `/staff/training/signups/${id}/cancel`,
    staffCancelSignupPattern: "/staff/training/signups/:id/cancel",
    attendance: (id: Id) => `/staff/training/${id}/attendance`,
    attendancePattern: "/staff/training/:id/attendance",
    sheet: (id: Id) => `/staff/training/${id}/sheet`,
    sheetPattern: "/staff/training/:id/sheet",
    completersCsv: (id: Id) => `/staff/training/${id}/completers.csv`,
    completersCsvPattern: "/staff/training/:id/completers.csv",
    // 专场招聘会: job fairs with zones by kind of work.
    fairs: "/fairs",
    fair: (id: Id) => `/fairs/${id}`,
    fairPattern: "/fairs/:id",
    fairZone: (id: Id, zoneId: Id) => `/fairs/${id}/zones/${zoneId}`,
    fairZonePattern: "/fairs/:id/zones/:zoneId",
    fairBook: (id: Id) => `/fairs/${id}/book`,
    fairBookPattern: "/fairs/:id/book",
    fairCancelBooking: (id: Id) => `/fairs/bookings/${id}/cancel`,
    fairCancelBookingPattern: "/fairs/bookings/:id/cancel",
    staffFairs: "/staff/fairs",
    staffFairNew: "/staff/fairs/new",
    staffFair: (id: Id) => `/staff/fairs/${id}`,
    staffFairPattern: "/staff/fairs/:id",
    staffFairCancel: (id: Id) => `/staff/fairs/${id}/cancel`,
    staffFairCancelPattern: "/staff/fairs/:id/cancel",
    staffNoShow: (id: Id) => `/staff/fairs/bookings/${id}/no-show`,
    staffNoShowPattern: "/staff/fairs/bookings/:id/no-show",
  },
  policy: {
    list: "/policy",
    show: (id: Id) => `/policy/${id}`,
    showPattern: "/policy/:id",
    staffList: "/staff/policy",
    staffNew: "/staff/policy/new",
    staffEdit: (id: Id) => `/staff/policy/${id}/edit`,
    staffEditPattern: "/staff/policy/:id/edit",
    staffArchive: (id: Id) => `/staff/policy/${id}/archive`,
    staffArchivePattern: "/staff/policy/:id/archive",
  },
  markets: {
    /** 名录: the public directory. */
    list: "/markets",
    show: (id: Id) => `/markets/${id}`,
    showPattern: "/markets/:id",
    admin: "/admin/markets",
    adminNew: "/admin/markets/new",
    adminEdit: (id: Id) => `/admin/markets/${id}/edit`,
    adminEditPattern: "/admin/markets/:id/edit",
    /** 十个一: every county's progress (city admin). */
    checklist: "/admin/checklist",
    checklistCounty: (county: string) => `/admin/checklist/${county}`,
    checklistCountyPattern: "/admin/checklist/:county",
    checklistMarket: (county: string, id: Id) => `/admin/checklist/${county}/${id}`,
    checklistMarketPattern: "/admin/checklist/:county/:id",
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
    forgetWorker: (id: Id) => `/staff/forget/${id}`,
    forgetWorkerPattern: "/staff/forget/:id",
  },
  alerts: {
    /** A worker's own SMS job alerts. */
    mine: "/me/alerts",
    mineStop: "/me/alerts/stop",
  },
  supervision: {
    home: "/staff/supervision",
    market: (id: Id) => `/staff/supervision/markets/${id}`,
    marketPattern: "/staff/supervision/markets/:id",
    newInspection: (marketId: Id) => `/staff/supervision/markets/${marketId}/inspections/new`,
    newInspectionPattern: "/staff/supervision/markets/:id/inspections/new",
    inspection: (id: Id) => `/staff/supervision/inspections/${id}`,
    inspectionPattern: "/staff/supervision/inspections/:id",
    rectified: (id: Id) => `/staff/supervision/inspections/${id}/rectified`,
    rectifiedPattern: "/staff/supervision/inspections/:id/rectified",
    newIncident: (marketId: Id) => `/staff/supervision/markets/${marketId}/incidents/new`,
    newIncidentPattern: "/staff/supervision/markets/:id/incidents/new",
    /** Incident counts per market and month (admins). */
    incidents: "/staff/supervision/incidents",
    roadside: "/staff/supervision/roadside",
    newPoint: "/staff/supervision/roadside/new",
    point: (id: Id) => `/staff/supervision/roadside/${id}`,
    pointPattern: "/staff/supervision/roadside/:id",
    count: (id: Id) => `/staff/supervision/roadside/${id}/counts`,
    countPattern: "/staff/supervision/roadside/:id/counts",
  },
  records: {
    /** Public: an employer's card with her record (the name only for businesses). */
    employer: (id: Id) => `/employers/${id}`,
    employerPattern: "/employers/:id",
    /** The employer's own record and which hires count. */
    employerMine: "/employer/record",
    /** 我的务工记录: a worker's own record, and its one-page print. */
    mine: "/me/record",
    minePrint: "/me/record/print",
    /** What a printed record's QR code opens (staff only): a random code, nothing personal. */
    check: (code: string) => `/records/check/${code}`,
    checkPattern: "/records/check/:code",
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

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
    admin: "/admin/accounts",
    adminNew: "/admin/accounts/new",
    adminDisable: (id: Id) => `/admin/accounts/${id}/disable`,
    adminDisablePattern: "/admin/accounts/:id/disable",
  },
  employers: {
    register: "/employers/register",
  },
  workers: {
    register: "/register",
    list: "/workers",
  },
  messages: {
    inbox: "/inbox",
  },
  jobs: {
    list: "/jobs",
    new: "/jobs/new",
    show: (id: Id) => `/jobs/${id}`,
    showPattern: "/jobs/:id",
  },
  hires: {},
  desk: { home: "/desk" },
  hotline: { home: "/hotline" },
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
  markets: { list: "/markets" },
  monitoring: {},
  api: {
    root: "/api/v1",
  },
} as const;

/** A local path to return to after login; anything else falls back to "/". */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length > 300) return "/";
  return next;
}

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
  training: { list: "/training" },
  policy: { list: "/policy" },
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

// Who may use each route of the app, written down once: the authorization
// matrix (authz.test.ts) checks every route against it as every role, and the
// fuzz test signs in as a role the table allows. A route missing here fails
// the matrix, so a new page cannot be forgotten.
//
// Path parameters point at records of the "first" of each pair (see world.ts):
// w1's application, e1's posting, market A's training session, county X's
// case... So "w1" is the owner, "w2" another worker, and so on.
//
// ok:   these roles get through (2xx, a redirect that is not to the login
//       page, or a 4xx that refuses the input or the state, e.g. an empty
//       form or "already decided"). Everyone else must get 404, or, when
//       signed out, a 303 to the login page, and nothing may change.
import type { RoleKey } from "./world.ts";

const ALL: RoleKey[] = ["anon", "w1", "w2", "e1", "e2", "sA", "sB", "sC", "aX", "aY", "city"];
const SIGNED_IN: RoleKey[] = ALL.filter((r) => r !== "anon");
const WORKERS: RoleKey[] = ["w1", "w2"];
const EMPLOYERS: RoleKey[] = ["e1", "e2"];
/** Any staff member or admin (their own desk, market or county). */
const STAFF: RoleKey[] = ["sA", "sB", "sC", "aX", "aY", "city"];
const ADMINS: RoleKey[] = ["aX", "aY", "city"];
/** Staff whose scope holds market A: the station's own staff, X's admin, the city (not sC, staff of another market in the same county). */
const STAFF_X: RoleKey[] = ["sA", "aX", "city"];
/**
 * Verifying employers and revealing full ID numbers (issue #16): market staff and admins of county X —
 * sC, staff of the county's own market (a 零工市场, not a 驿站), X's admin and the city; not sA, who is the
 * staff of a station (驿站) and acts on the people at her own desk.
 */
const VERIFY_X: RoleKey[] = ["sC", "aX", "city"];
/**
 * Staff whose scope holds county X: the staff of every market in it (station A's
 * and market C's), X's admin, the city. Workers, employers and hires belong to
 * a county, not to the market that happened to register them.
 */
const STAFF_COUNTY_X: RoleKey[] = ["sA", "sC", "aX", "city"];

export interface Access {
  ok: RoleKey[];
  /** Why, where the answer is not obvious. */
  why?: string;
}

export const access: Record<string, Access> = {
  // --- Public pages -----------------------------------------------------------------
  "GET /": { ok: ALL },
  "GET /healthz": { ok: ALL },
  "GET /static/:name": { ok: ALL },
  "GET /text-size": { ok: ALL },
  "GET /jobs": { ok: ALL },
  "GET /jobs/:id": { ok: ALL, why: "an open posting is public; its contact phone is not (see headers.test.ts)" },
  "GET /workers": { ok: ALL },
  "GET /markets": { ok: ALL },
  "GET /markets/:id": { ok: ALL },
  "GET /stations/:id/order": { ok: ALL, why: "queue numbers only: no name fragment, no phone digits" },
  "GET /card/:code": { ok: ALL, why: "the same public page for every code; staff in scope and the card's owner are sent on" },
  "GET /feeds/jobs/:file": { ok: ALL },
  "GET /policy": { ok: ALL },
  "GET /policy/:id": { ok: ALL },
  "GET /training": { ok: ALL },
  "GET /training/:id": { ok: ALL },
  "GET /fairs": { ok: ALL },
  "GET /fairs/:id": { ok: ALL },
  "GET /fairs/:id/zones/:zoneId": { ok: ALL },
  "GET /hotline": { ok: ALL },
  "GET /hotline/report": { ok: ALL },
  "GET /hotline/report/done": { ok: ALL, why: "shows only the number kept in this browser's own short cookie" },
  "GET /hotline/status": { ok: ALL },
  "GET /hotline/status/sms": { ok: ALL },
  "GET /hotline/status/sms/:token": { ok: ALL, why: "the cases of a phone whose SMS code matched: whoever holds the random token of that step, for 10 minutes" },
  // --- 市场监管: inspections and incidents by the market's staff and admins in scope; roadside points by admins only.
  "GET /staff/supervision": { ok: STAFF },
  "GET /staff/supervision/markets/:id": { ok: STAFF_X },
  "GET /staff/supervision/markets/:id/inspections/new": { ok: STAFF_X },
  "POST /staff/supervision/markets/:id/inspections/new": { ok: STAFF_X },
  "GET /staff/supervision/inspections/:id": { ok: STAFF_X },
  "POST /staff/supervision/inspections/:id/rectified": { ok: STAFF_X },
  "GET /staff/supervision/markets/:id/incidents/new": { ok: STAFF_X },
  "POST /staff/supervision/markets/:id/incidents/new": { ok: STAFF_X },
  "GET /staff/supervision/incidents": { ok: ADMINS },
  "GET /staff/supervision/roadside": { ok: ADMINS },
  "GET /staff/supervision/roadside/new": { ok: ADMINS },
  "POST /staff/supervision/roadside/new": { ok: ADMINS, why: "an empty form is refused with 400 for every admin" },
  "GET /staff/supervision/roadside/:id": { ok: ["aX", "city"] },
  "POST /staff/supervision/roadside/:id/counts": { ok: ["aX", "city"] },
  "GET /api/v1": { ok: ALL },
  "GET /api/v1/openapi.json": { ok: ALL },
  "GET /api/v1/jobs": { ok: ALL },
  "GET /api/v1/jobs/:id": { ok: ALL },
  "GET /employers/:id": { ok: ALL, why: "a verified employer's public card: figures only, no name for a private employer" },
  "GET /api/v1/markets": { ok: ALL },
  "GET /api/v1/markets/:id": { ok: ALL },

  // --- Signing up and in (signed-in visitors are sent on) ---------------------------------
  "GET /login": { ok: ALL },
  "GET /privacy": { ok: ALL },
  "POST /login": { ok: ALL },
  "POST /logout": { ok: SIGNED_IN, why: "signed out, it only sends you to the login page" },
  "GET /register": { ok: ALL },
  "POST /register": { ok: ALL },
  "GET /phone/:token": { ok: ALL, why: "the code page of a pending step: whoever holds the random token (the browser that started it)" },
  "POST /phone/:token": { ok: ALL, why: "the code proves the phone; an empty or wrong code is a 4xx" },
  "POST /phone/:token/resend": { ok: ALL, why: "a new code to the same number, under the same limits" },
  "GET /login/code": { ok: ALL },
  "POST /login/code": { ok: ALL, why: "only sends a code; the code decides" },
  "GET /results": { ok: ALL },
  "POST /results": { ok: ALL, why: "only sends a code; the code decides" },
  "GET /forgot-pin": { ok: ALL },
  "POST /forgot-pin": { ok: ALL, why: "only sends a code; the code decides" },
  "GET /forgot-pin/:token": { ok: ALL, why: "the new-PIN form of a reset whose code matched: whoever holds its token" },
  "POST /forgot-pin/:token": { ok: ALL, why: "an empty form is a 400; a PIN is set only for the proven worker" },
  "GET /employers/register": { ok: ALL },
  "POST /employers/register": { ok: ALL },
  "GET /setup": { ok: [], why: "404 for everyone without a live one-time token" },
  "POST /setup": { ok: [], why: "404 for everyone without a live one-time token" },
  "POST /hotline/report": { ok: ALL },
  "POST /hotline/status": { ok: ALL, why: "needs the case number and the caller's last four digits" },
  "POST /hotline/status/sms": { ok: ALL, why: "texts a code to the typed phone under the phone limits; no case is looked up before the code matches" },
  "POST /jobs/:id/apply": { ok: ALL, why: "visitors sign up with name and phone; other roles get a 4xx refusal, not the page" },
  "POST /training/:id/signup": {
    ok: ["anon", "w1", "w2", "sA", "sB", "sC", "aX", "aY", "city"],
    why: "visitors and workers sign up; staff are sent to the staff page; employers 404",
  },

  // --- Any signed-in user ---------------------------------------------------------------
  "GET /me": { ok: SIGNED_IN },
  "GET /inbox": { ok: SIGNED_IN },
  "GET /admin/sms": { ok: ADMINS, why: "county admins see their county's texts, the city admin all; numbers masked" },
  "POST /api/sms/:token/:provider/reply": { ok: [], why: "providers' inbound texts (上行): 404 without the secret SMS_CALLBACK_TOKEN in the URL" },
  "GET /me/alerts": { ok: WORKERS },
  "POST /me/alerts": { ok: WORKERS, why: "refused (422) unless the worker's number is proven" },
  "POST /me/alerts/stop": { ok: WORKERS },
  "GET /desk/workers/:id/alerts": { ok: STAFF_COUNTY_X, why: "as the worker's desk page: any station of her county" },
  "POST /desk/workers/:id/alerts": { ok: STAFF_COUNTY_X },
  "POST /desk/workers/:id/alerts/stop": { ok: STAFF_COUNTY_X },
  "POST /api/sms/:token/:provider/report": { ok: [], why: "providers' receipts: 404 without the secret SMS_CALLBACK_TOKEN in the URL" },
  "POST /inbox/read": { ok: SIGNED_IN },

  // --- Workers' own pages -------------------------------------------------------------------
  "GET /me/profile": { ok: WORKERS },
  "POST /me/profile": { ok: WORKERS },
  "GET /me/pin": { ok: WORKERS },
  "POST /me/pin": { ok: WORKERS },
  "GET /me/cards": { ok: WORKERS },
  "GET /me/record": { ok: WORKERS, why: "each worker's own record" },
  "GET /me/record/print": { ok: WORKERS, why: "each worker's own print (?code= of hers); without one, back to her record" },
  "POST /me/record/print": { ok: WORKERS, why: "issues the check code of her own print" },
  "GET /me/cards/new": { ok: WORKERS },
  "POST /me/cards/new": { ok: WORKERS },
  "POST /me/cards/:id/close": { ok: ["w1"] },
  "POST /me/cards/:id/reopen": { ok: ["w1"] },
  "GET /me/jobs": { ok: WORKERS },
  "GET /me/jobs/pin": { ok: WORKERS },
  "POST /me/jobs/pin": { ok: WORKERS },
  "POST /me/jobs/:id/withdraw": { ok: ["w1"] },
  "GET /me/training": { ok: WORKERS },
  "POST /training/signups/:id/cancel": { ok: ["w1"] },
  "GET /training/signups/:id/certificate": { ok: ["w1", ...STAFF_X], why: "the worker, or staff of the market that ran the course" },
  "POST /hires/:id/paid": { ok: ["w1"] },

  // --- Hire records: the two parties and staff of the posting's county (any market in it) -----------
  "GET /hires/:id": { ok: ["w1", "e1", ...STAFF_COUNTY_X] },
  "GET /hires/:id/print": { ok: ["w1", "e1", ...STAFF_COUNTY_X] },
  "POST /hires/:id/status": { ok: ["e1", ...STAFF_COUNTY_X] },

  // --- Employers' own pages -------------------------------------------------------------------
  "GET /employer": { ok: EMPLOYERS },
  "GET /employer/record": { ok: EMPLOYERS, why: "each employer's own record" },
  "GET /employer/edit": { ok: EMPLOYERS },
  "POST /employer/edit": { ok: EMPLOYERS },
  "GET /employer/jobs": { ok: EMPLOYERS },
  "GET /employer/jobs/:id/applicants": { ok: ["e1"] },
  "POST /employer/applications/:id/confirm": { ok: ["e1"] },
  "POST /employer/applications/:id/decline": { ok: ["e1"] },
  "GET /jobs/new": { ok: EMPLOYERS },
  "POST /jobs/new": { ok: EMPLOYERS },
  "GET /jobs/quick": { ok: EMPLOYERS },
  "POST /jobs/quick": { ok: EMPLOYERS },
  "GET /jobs/:id/edit": { ok: ["e1"] },
  "POST /jobs/:id/edit": { ok: ["e1"] },
  "POST /jobs/:id/publish": { ok: ["e1"] },
  "POST /jobs/:id/close": { ok: ["e1"] },
  "POST /jobs/:id/relist": { ok: ["e1"] },
  "POST /fairs/:id/book": { ok: EMPLOYERS },
  "POST /fairs/bookings/:id/cancel": { ok: ["e1"] },

  // --- Staff: their own desk, lists scoped to their market or county ------------------------------
  "GET /desk": { ok: STAFF },
  "GET /desk/checkin": { ok: STAFF },
  "POST /desk/checkin": { ok: STAFF },
  "GET /desk/register": { ok: STAFF },
  "POST /desk/register": { ok: STAFF },
  "GET /desk/jobs/new": { ok: STAFF },
  "POST /desk/jobs/new": { ok: STAFF },
  "GET /desk/order": { ok: STAFF },
  "POST /desk/order": { ok: STAFF },
  "POST /desk/order/draw": { ok: STAFF },
  "GET /desk/print/jobs": { ok: STAFF },
  "GET /desk/print/poster": { ok: STAFF },
  "GET /desk/priority": { ok: STAFF },
  "GET /hotline/cases": { ok: STAFF },
  "GET /hotline/cases/new": { ok: STAFF },
  "POST /hotline/cases/new": { ok: STAFF },
  "GET /hotline/call-list": { ok: STAFF },
  "GET /hotline/figures": { ok: STAFF },
  "GET /hotline/export.csv": { ok: STAFF },
  "GET /staff/employers": { ok: STAFF },
  "GET /staff/held-postings": { ok: STAFF, why: "each sees the held postings of their own county (the city admin: all)" },
  "GET /staff/training": { ok: STAFF },
  "GET /staff/training/new": { ok: STAFF },
  "POST /staff/training/new": { ok: STAFF },
  "GET /staff/fairs": { ok: STAFF },
  "GET /staff/fairs/new": { ok: STAFF },
  "POST /staff/fairs/new": { ok: STAFF },
  "GET /staff/policy": { ok: STAFF },
  "GET /staff/policy/new": { ok: STAFF },
  "POST /staff/policy/new": { ok: STAFF },
  "GET /staff/forget": { ok: STAFF },
  "POST /staff/forget": { ok: STAFF, why: "a lookup; someone out of scope reads as not found" },
  "GET /monitoring": { ok: STAFF },
  "GET /monitoring/going-rates": { ok: STAFF, why: "figures only; staff see their county, the city admin the city" },
  "GET /records/check/:code": { ok: STAFF, why: "what a printed record's QR opens: any office may check a worker's print; an unknown code says so" },
  "GET /monitoring/ledger.csv": { ok: STAFF },

  // --- Staff: records of county X (STAFF_COUNTY_X) or of market A (STAFF_X) ---------------------------
  "GET /desk/workers/:id": { ok: STAFF_COUNTY_X },
  "GET /desk/workers/:id/card": { ok: STAFF_COUNTY_X },
  "GET /desk/workers/:id/record": { ok: STAFF_COUNTY_X, why: "the print of a code issued for this worker; without one, back to the worker's desk page" },
  "POST /desk/workers/:id/record": { ok: STAFF_COUNTY_X },
  "POST /desk/workers/:id/reveal": { ok: VERIFY_X, why: "a full ID number: market staff and admins, not station staff" },
  "POST /desk/workers/:id/unlock": { ok: STAFF_COUNTY_X },
  "POST /desk/workers/:id/pin": { ok: STAFF_COUNTY_X },
  "POST /desk/workers/:id/verify-phone": { ok: STAFF_COUNTY_X, why: "texts a code to the worker in front of the desk; staff requests count per number, not per address" },
  "POST /desk/workers/:id/contacts": { ok: STAFF_COUNTY_X },
  "POST /desk/workers/:id/sign-up": { ok: STAFF_COUNTY_X },
  "POST /desk/workers/:id/consent": { ok: ["sA", "sC", "aX"], why: "sensitive data: the worker's own county only (any market in it), not even the city admin" },
  "POST /desk/workers/:id/consent/remove": { ok: ["sA", "sC", "aX"], why: "sensitive data: the worker's own county only (any market in it), not even the city admin" },
  "POST /desk/applications/:id/confirm": { ok: STAFF_COUNTY_X },
  "POST /jobs/:id/remove": { ok: STAFF_COUNTY_X },
  "GET /staff/employers/:id": { ok: STAFF_COUNTY_X },
  "GET /staff/held-postings/:id": { ok: STAFF_COUNTY_X, why: "a posting of county X: its staff review it; not held, it goes on to the posting's page" },
  "POST /staff/held-postings/:id/approve": { ok: STAFF_COUNTY_X },
  "POST /staff/held-postings/:id/reject": { ok: STAFF_COUNTY_X },
  "POST /staff/employers/:id/reveal": { ok: VERIFY_X, why: "a full ID number: market staff and admins, not station staff" },
  "POST /staff/employers/:id/verify": { ok: VERIFY_X, why: "verification belongs to market staff and admins of the county, not station staff" },
  "POST /staff/employers/:id/reject": { ok: VERIFY_X, why: "verification belongs to market staff and admins of the county, not station staff" },
  "GET /hotline/cases/:id": { ok: STAFF_X, why: "the case's market's staff (or whoever took or holds it), its county admin, the city" },
  "POST /hotline/cases/:id/step": { ok: STAFF_X },
  "POST /hotline/cases/:id/assign": { ok: STAFF_X },
  "POST /hotline/cases/:id/reveal": { ok: STAFF_X },
  "POST /hotline/call-list/:hireId": { ok: STAFF_X },
  "GET /staff/training/:id": { ok: STAFF_X },
  "GET /staff/training/:id/edit": { ok: STAFF_X },
  "POST /staff/training/:id/edit": { ok: STAFF_X },
  "POST /staff/training/:id/cancel": { ok: STAFF_X },
  "POST /staff/training/:id/signups": { ok: STAFF_X },
  "GET /staff/training/:id/attendance": { ok: STAFF_X },
  "POST /staff/training/:id/attendance": { ok: STAFF_X },
  "GET /staff/training/:id/sheet": { ok: STAFF_X },
  "GET /staff/training/:id/completers.csv": { ok: STAFF_X },
  "POST /staff/training/signups/:id/cancel": { ok: STAFF_X },
  "GET /staff/fairs/:id": { ok: STAFF_X },
  "POST /staff/fairs/:id/cancel": { ok: STAFF_X },
  "POST /staff/fairs/bookings/:id/no-show": { ok: STAFF_X },
  "GET /staff/policy/:id/edit": { ok: STAFF_X },
  "POST /staff/policy/:id/edit": { ok: STAFF_X },
  "POST /staff/policy/:id/archive": { ok: STAFF_X },
  "GET /staff/forget/:id": { ok: STAFF_COUNTY_X },
  "POST /staff/forget/:id": { ok: STAFF_COUNTY_X },

  // --- Admins -------------------------------------------------------------------------------------
  "GET /admin/accounts": { ok: ADMINS },
  "GET /admin/accounts/new": { ok: ADMINS },
  "POST /admin/accounts/new": { ok: ADMINS },
  "POST /admin/accounts/:id/disable": { ok: ["aX", "city"], why: "staff sA's account: their county's admin or the city" },
  "GET /admin/markets": { ok: ADMINS },
  "GET /admin/markets/new": { ok: ADMINS },
  "POST /admin/markets/new": { ok: ADMINS },
  "GET /admin/markets/:id/edit": { ok: ["aX", "city"] },
  "POST /admin/markets/:id/edit": { ok: ["aX", "city"] },
  "GET /admin/checklist": { ok: ADMINS, why: "a county admin is sent to their own county's page" },
  "GET /admin/checklist/:county": { ok: ["aX", "city"] },
  "POST /admin/checklist/:county": { ok: ["aX"], why: "the county's own admin fills it in; the city admin reads" },
  "GET /admin/checklist/:county/:id": { ok: ["aX", "city"] },
  "POST /admin/checklist/:county/:id": { ok: ["aX"], why: "the county's own admin fills it in; the city admin reads" },
  "GET /admin/status": { ok: ADMINS },
  "GET /monitoring/stats-export": { ok: ADMINS },
  "GET /admin/stats-import": { ok: ["city"] },
  "POST /admin/stats-import": { ok: ["city"] },
};

/** The signed-in role the fuzz test uses for a route: the owner where there is one, else the first allowed. */
export function fuzzRole(a: Access): RoleKey | null {
  const prefer: RoleKey[] = ["w1", "e1", "sA", "aX", "city", "w2", "e2", "sB", "sC", "aY"];
  return prefer.find((r) => a.ok.includes(r)) ?? null;
}

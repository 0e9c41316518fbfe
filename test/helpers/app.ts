// A whole app on a temp DB file, with a fixed clock and a quiet logger, and a
// browser-like client (cookie jar, CSRF token from the last page) for route tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type Config } from "../../src/config.ts";
import { prepare, createApp } from "../../src/app.tsx";
import { fixedClock } from "../../src/shared/clock.ts";
import { jsonLogger, type Deps } from "../../src/shared/context.ts";
import { hashSecret } from "../../src/shared/crypto.ts";
import { insertUser } from "../../src/features/accounts/index.ts";
import { markets } from "../../db/schema/index.ts";
import type { Role, MarketTier } from "../../db/schema/constants.ts";

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

export async function makeTestApp(opts: { now?: string; env?: Record<string, string>; config?: Partial<Config> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "lingong-test-"));
  // Monitoring reports kept only while nothing is written (not for minutes), so
  // a test sees its own records counted; test/features/monitoring covers the time limit.
  // Every test client comes from one address: the per-address and daily code
  // limits are raised here (test/features/phone/phone.limits.test.ts sets its own).
  const codeLimits = { SMS_CODE_ADDRESS_PER_HOUR: "100000", SMS_CODE_ADDRESS_PER_DAY: "1000000", SMS_CODE_DAILY_BUDGET: "10000000" };
  const config = { ...loadConfig({ DATABASE_URL: `file:${join(dir, "test.db")}`, MONITORING_CACHE_SECONDS: "0", ...codeLimits, ...opts.env }), ...opts.config };
  const clock = fixedClock(opts.now ?? "2026-11-28T09:00:00+08:00");
  const logs: string[] = [];
  const sms: { to: string; body: string }[] = [];
  const deps: Deps = await prepare({
    config,
    clock,
    log: jsonLogger((l) => logs.push(l)),
    sms: { name: "test", send: async (m) => (sms.push({ to: m.to, body: m.body }), { ok: true }) },
  });
  const app = createApp(deps);
  return {
    app,
    deps,
    clock,
    logs,
    sms,
    dir,
    db: deps.database.db,
    client: (headers: Record<string, string> = {}) => new Browser(app, headers),
    close() {
      deps.database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Fetchable = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/** Remembers cookies and the CSRF token of the last HTML page it fetched. */
export class Browser {
  cookies = new Map<string, string>();
  csrf = "";
  last: { status: number; html: string; location: string | null; headers: Headers } = { status: 0, html: "", location: null, headers: new Headers() };
  constructor(private app: Fetchable, private headers: Record<string, string> = {}) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private absorb(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, path: string, body?: string, contentType = "application/x-www-form-urlencoded", extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { ...this.headers, ...extra };
    if (this.cookies.size && !headers.cookie) headers.cookie = this.cookieHeader();
    if (body !== undefined) headers["content-type"] = contentType;
    const res = await this.app.request(`http://localhost${path}`, { method, headers, body });
    this.absorb(res);
    const html = await res.text();
    const m = html.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    this.last = { status: res.status, html, location: res.headers.get("location"), headers: res.headers };
    return this.last;
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request("GET", path, undefined, undefined, headers);
  }

  /** Follows one redirect after a POST, as a browser does. */
  async follow() {
    if (!this.last.location) throw new Error(`no redirect (status ${this.last.status})`);
    return this.get(this.last.location);
  }

  /** Posts a form; takes the CSRF token from the last page unless `_csrf` is given (or null to omit it). */
  async post(path: string, fields: Record<string, string | string[] | number | null | undefined> = {}, opts: { headers?: Record<string, string> } = {}) {
    if (!this.csrf && !("_csrf" in fields)) await this.get("/login");
    const params = new URLSearchParams();
    if (!("_csrf" in fields)) params.append("_csrf", this.csrf);
    for (const [k, v] of Object.entries(fields)) {
      if (v === null || v === undefined) continue;
      for (const x of Array.isArray(v) ? v : [v]) params.append(k, String(x));
    }
    return this.request("POST", path, params.toString(), undefined, opts.headers);
  }

  async login(phone: string, secret: string) {
    await this.get("/login");
    const r = await this.post("/login", { phone, secret });
    if (r.status !== 303) throw new Error(`login failed for ${phone}: ${r.status}`);
    return r;
  }
}

let phoneSeq = 0;
/** A distinct, valid mobile number per call. */
export const nextPhone = () => `139${String(10000000 + ++phoneSeq * 7919).slice(-8)}`;

export async function addMarket(t: TestApp, fields: { name?: string; countyCode?: string; tier?: MarketTier } = {}) {
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(markets)
      .values({ name: fields.name ?? "测试驿站", tier: fields.tier ?? "station", countyCode: fields.countyCode ?? "411024", createdAt: t.clock.now() })
      .returning({ id: markets.id }),
  );
  return row.id;
}

/** Creates an account directly in the DB (the fixture path, not the admin page). */
export async function addUser(
  t: TestApp,
  u: { role: Role; phone?: string; name?: string; password?: string; pin?: string; countyCode?: string | null; marketId?: number | null },
) {
  const phone = u.phone ?? nextPhone();
  const password = u.password ?? "correct horse 1";
  const [row] = await t.deps.database.write(async (db) =>
    insertUser(
      db,
      {
        role: u.role,
        phone,
        name: u.name ?? "测试用户",
        passwordHash: await hashSecret(password),
        pinHash: u.pin ? await hashSecret(u.pin) : null,
        countyCode: u.countyCode ?? null,
        marketId: u.marketId ?? null,
      },
      t.clock.now(),
    ),
  );
  return { id: row.id, phone, password, pin: u.pin };
}

/** A signed-in browser for a new user of the given role. */
export async function signedIn(t: TestApp, u: Parameters<typeof addUser>[1]) {
  const user = await addUser(t, u);
  const b = t.client();
  await b.login(user.phone, user.password);
  return Object.assign(b, { user });
}

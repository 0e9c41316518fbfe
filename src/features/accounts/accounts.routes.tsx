/** @jsxImportSource hono/jsx */
// Sign in and out, the first-run setup, one's own account page, and the
// admin pages where city and county admins create and disable staff accounts.
import { Hono } from "hono";
import type { LinkProvider } from "../../shared/hooks.ts";
import type { AppEnv, Ctx } from "../../shared/context.ts";
import { paths, safeNext } from "../../paths.ts";
import { readForm, check } from "../../shared/forms.ts";
import { hashSecret, verifySecret, dummyHash, sha256 } from "../../shared/crypto.ts";
import { startSession, endSession } from "../../shared/session.ts";
import { checkThrottle, recordFailure, clearPair, loginKeys } from "../../shared/throttle.ts";
import { clientAddress } from "../../shared/client.ts";
import { requireUser, requireAdmin, isStaff, ensure } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { copy } from "../../../views/copy/index.ts";
import { LoginPage } from "../../../views/accounts/login.tsx";
import { SetupPage, SetupInvalidPage } from "../../../views/accounts/setup.tsx";
import { MePage } from "../../../views/accounts/me.tsx";
import { PrivacyPage } from "../../../views/accounts/privacy.tsx";
import { AccountListPage, NewAccountPage } from "../../../views/accounts/admin.tsx";
import { LoginForm, SetupForm, NewAccountForm } from "./accounts.schema.ts";
import { secretKind, creatableRoles, checkNewAccountScope, canManageAccount } from "./accounts.domain.ts";
import * as repo from "./accounts.repo.ts";
import { setupTokens } from "../../../db/schema/index.ts";
import { eq } from "drizzle-orm";

const t = copy.accounts;

export { clientAddress } from "../../shared/client.ts";

// Admins manage staff accounts from "my account" (the only way there by links; issue 18).
export const accountsMeLinks: LinkProvider = ((c) => {
  const role = c.var.user?.role;
  return role === "county_admin" || role === "city_admin" ? [[paths.accounts.admin, t.adminTitle]] : [];
});

export function accountsRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.accounts.privacy, (c) => {
    const { config } = c.var.deps;
    return c.render(<PrivacyPage retention={config.retention} hotline={config.hotline} />, { title: t.privacyTitle });
  });

  app.get(paths.accounts.login, (c) => {
    if (c.var.user) return c.redirect(safeNext(c.req.query("next")), 303);
    return c.render(<LoginPage values={{ next: safeNext(c.req.query("next")) }} />, { title: t.loginTitle });
  });

  app.post(paths.accounts.login, async (c) => {
    const deps = c.var.deps;
    const input = await readForm(c);
    const form = check(LoginForm, input);
    const again = (status: 400 | 401 | 429, props: Parameters<typeof LoginPage>[0]) => {
      c.status(status);
      return c.render(<LoginPage values={{ phone: input.phone, next: typeof input.next === "string" ? safeNext(input.next) : undefined }} {...props} />, { title: t.loginTitle });
    };
    // One hash on every path (a bad form, a held key, an unknown number, a secret of the
    // wrong shape), so the time of the answer tells nothing about the account.
    const secretTyped = typeof input.secret === "string" ? input.secret.slice(0, 200) : "";
    if (!form.ok) {
      await verifySecret(secretTyped, dummyHash);
      return again(400, { errors: form.errors });
    }
    const { phone, secret } = form.value;
    const keys = loginKeys(phone, clientAddress(c));
    const lock = await checkThrottle(deps, keys);
    if (lock.locked) {
      await verifySecret(secret, dummyHash);
      const minutes = Math.max(1, Math.ceil((lock.untilMs - deps.clock.now()) / 60_000));
      const message = lock.needsStaff ? t.lockedStaff : lock.kind === "ip" ? t.ipLocked(minutes) : lock.kind === "account" ? t.lockedAccount(minutes) : t.locked(minutes);
      return again(429, { message });
    }
    const user = await repo.findUserByPhone(deps.database.db, phone);
    const kind = secretKind(secret, !!user?.pinHash);
    const ok = await verifySecret(secret, user ? (kind === "pin" ? user.pinHash : user.passwordHash) : null);
    if (!user || !ok || user.disabledAt !== null) {
      await recordFailure(deps, keys);
      return again(401, { message: t.loginFailed });
    }
    await clearPair(deps, keys);
    await startSession(c, user.id);
    if (isStaff({ ...user, scopeCounty: null })) {
      await deps.database.write((db) => auditInsert(db, { ...user, scopeCounty: null }, deps.clock.now(), { action: "login" }));
    }
    return c.redirect(safeNext(form.value.next ?? (isStaff({ ...user, scopeCounty: null }) ? paths.desk.home : paths.accounts.me)), 303);
  });

  app.post(paths.accounts.logout, async (c) => {
    await endSession(c);
    return redirectWithFlash(c, paths.accounts.login, t.loggedOut);
  });

  app.get(paths.accounts.setup, async (c) => {
    const token = c.req.query("token") ?? "";
    // Once a city admin exists every link is dead, and the page says so.
    if (await repo.hasCityAdmin(c.var.deps.database.db)) {
      c.status(404);
      return c.render(<SetupInvalidPage closed />, { title: t.setupTitle });
    }
    const live = token && (await repo.findLiveSetupToken(c.var.deps.database.db, sha256(token), c.var.deps.clock.now()));
    if (!live) {
      c.status(404);
      return c.render(<SetupInvalidPage />, { title: t.setupTitle });
    }
    c.header("cache-control", "no-store");
    c.header("referrer-policy", "no-referrer");
    return c.render(<SetupPage token={token} />, { title: t.setupTitle });
  });

  app.post(paths.accounts.setup, async (c) => {
    const deps = c.var.deps;
    const input = await readForm(c);
    const token = typeof input.token === "string" ? input.token : "";
    const now = deps.clock.now();
    if (await repo.hasCityAdmin(deps.database.db)) {
      c.status(404);
      return c.render(<SetupInvalidPage closed />, { title: t.setupTitle });
    }
    if (!token || !(await repo.findLiveSetupToken(deps.database.db, sha256(token), now))) {
      c.status(404);
      return c.render(<SetupInvalidPage />, { title: t.setupTitle });
    }
    const form = check(SetupForm, input);
    const again = (errors: Record<string, string>) => {
      c.status(400);
      return c.render(<SetupPage token={token} values={input} errors={errors} />, { title: t.setupTitle });
    };
    if (!form.ok) return again(form.errors);
    const passwordHash = await hashSecret(form.value.password);
    const created = await deps.database.transaction(async (tx) => {
      // Checked again inside the write: two tabs must not both use the link.
      const live = await repo.findLiveSetupToken(tx, sha256(token), now);
      if (!live) return "used" as const;
      // Another live link (or the admin CLI) may have made a city admin since the check above.
      if (await repo.hasCityAdmin(tx)) return "closed" as const;
      if (await repo.findUserByPhone(tx, form.value.phone)) return "taken" as const;
      const [row] = await repo.insertUser(tx, { role: "city_admin", phone: form.value.phone, name: form.value.name, passwordHash }, now);
      await tx.update(setupTokens).set({ usedAt: now }).where(eq(setupTokens.tokenHash, sha256(token)));
      await auditInsert(tx, null, now, { action: "setup.first_admin", subjectType: "user", subjectId: row.id });
      return "ok" as const;
    });
    if (created === "closed") {
      c.status(404);
      return c.render(<SetupInvalidPage closed />, { title: t.setupTitle });
    }
    if (created === "used") {
      c.status(404);
      return c.render(<SetupInvalidPage />, { title: t.setupTitle });
    }
    if (created === "taken") return again({ phone: t.phoneTaken });
    return redirectWithFlash(c, paths.accounts.login, t.setupDone);
  });

  app.get(paths.accounts.me, async (c) => {
    const user = requireUser(c);
    const links = (await Promise.all(c.var.deps.hooks.meLinks.map((f) => f(c)))).flat();
    return c.render(<MePage user={user} county={c.var.deps.regions.countyName(user.scopeCounty)} links={links} />, { title: t.meTitle });
  });

  app.get(paths.accounts.admin, async (c) => {
    const actor = requireAdmin(c);
    const { regions, database } = c.var.deps;
    const county = actor.role === "city_admin" ? null : actor.countyCode;
    const rows = (await repo.listStaffAccounts(database.db, county)).map((r) => ({
      id: r.id,
      role: r.role,
      name: r.name,
      phone: r.phone,
      place: r.marketName ?? regions.countyName(r.countyCode) ?? "",
      disabled: r.disabledAt !== null,
      canDisable: canManageAccount(actor, r),
    }));
    return c.render(<AccountListPage rows={rows} />, { title: t.adminTitle });
  });

  const newAccountPage = async (c: Ctx, values?: Record<string, unknown>, errors?: Record<string, string>) => {
    const actor = requireAdmin(c);
    const { regions, database } = c.var.deps;
    const county = actor.role === "city_admin" ? null : actor.countyCode;
    const markets = await repo.marketsInScope(database.db, county);
    if (errors) c.status(400);
    return c.render(
      <NewAccountPage
        roles={creatableRoles(actor).map((r) => [r, t.roles[r]] as const)}
        counties={regions.countyOptions().filter(([code]) => county === null || code === county)}
        markets={markets.map((m) => [String(m.id), `${regions.countyName(m.countyCode)} ${m.name}`] as const)}
        newMarketLink={paths.markets.adminNew}
        values={values as never}
        errors={errors}
      />,
      { title: t.adminNew },
    );
  };

  app.get(paths.accounts.adminNew, (c) => newAccountPage(c));

  app.post(paths.accounts.adminNew, async (c) => {
    const actor = requireAdmin(c);
    const deps = c.var.deps;
    const input = await readForm(c);
    const form = check(NewAccountForm, input);
    if (!form.ok) return newAccountPage(c, input, form.errors);
    const f = form.value;
    const market = f.marketId ? await repo.findMarket(deps.database.db, f.marketId) : null;
    if (f.marketId && !market) return newAccountPage(c, input, { marketId: copy.errors.invalidChoice(t.market) });
    if (f.countyCode && !deps.regions.countyNames.has(f.countyCode)) return newAccountPage(c, input, { countyCode: copy.errors.invalidChoice(t.county) });
    // No market chosen (or none exists yet) for a staff account: checkNewAccountScope says so below, no crash.
    const countyCode = f.role === "staff" ? (market?.countyCode ?? null) : f.role === "county_admin" ? f.countyCode : null;
    const problem = checkNewAccountScope(actor, f.role, f.role === "county_admin" ? (actor.role === "county_admin" ? undefined : f.countyCode) : countyCode ?? undefined, f.role === "staff" ? market : null);
    if (problem) {
      const message = problem === "needMarket" && !(await repo.marketsInScope(deps.database.db, actor.role === "city_admin" ? null : actor.countyCode)).length ? t.noMarketYet : t[problem];
      return newAccountPage(c, input, { [problem === "needMarket" ? "marketId" : problem === "needCounty" ? "countyCode" : "role"]: message });
    }
    const passwordHash = await hashSecret(f.password);
    const now = deps.clock.now();
    const result = await deps.database.transaction(async (tx) => {
      if (await repo.findUserByPhone(tx, f.phone)) return null;
      const [row] = await repo.insertUser(
        tx,
        { role: f.role, phone: f.phone, name: f.name, passwordHash, countyCode, marketId: f.role === "staff" ? (market?.id ?? null) : null, createdBy: actor.id },
        now,
      );
      await auditInsert(tx, actor, now, { action: "account.create", subjectType: "user", subjectId: row.id, detail: { role: f.role } });
      return row.id;
    });
    if (result === null) return newAccountPage(c, input, { phone: t.phoneTaken });
    return redirectWithFlash(c, paths.accounts.admin, t.adminCreated);
  });

  app.post(paths.accounts.adminDisablePattern, async (c) => {
    const actor = requireAdmin(c);
    const deps = c.var.deps;
    const id = Number(c.req.param("id"));
    ensure(Number.isSafeInteger(id) && id > 0);
    const target = await repo.findAccountForAdmin(deps.database.db, id);
    if (!target || !canManageAccount(actor, target)) throw new NotFound("account");
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([...repo.disableUser(db, id, now), auditInsert(db, actor, now, { action: "account.disable", subjectType: "user", subjectId: id })]),
    );
    return redirectWithFlash(c, paths.accounts.admin, t.disabledDone);
  });

  return app;
}


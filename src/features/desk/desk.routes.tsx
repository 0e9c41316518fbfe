/** @jsxImportSource hono/jsx */
// The station desk (驿站工作台): staff at a shared PC register walk-in
// workers, check them in, help the hardest to place, keep the day's order
// fair, and print for the notice board. Every act for someone present is
// stored with the staff member and market and written to the audit log.
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireStaff, canSeeCounty, canSeeMarket, isStaff, ensure, canVerifyAndReveal } from "../../shared/authz.ts";
import { stationHolds } from "../../shared/station-scope.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { chinaDate, chinaDayStart, addDays } from "../../shared/clock.ts";
import { hashSecret } from "../../shared/crypto.ts";
import { maskPhone } from "../../shared/validators.ts";
import { maskPostingText } from "../../shared/mask-text.ts";
import { users, sessions } from "../../../db/schema/index.ts";
import { findUserByPhone } from "../accounts/index.ts";
import { insertWorker, listKinds } from "../workers/index.ts";
import { employerQueuePath, employerForUser } from "../employers/index.ts";
import { signUp, confirmApplication, placeOf, quickDraft, draftProblems, publishProblem, insertPosting, searchText, type DraftProblem } from "../jobs/index.ts";
import { publishRefusal } from "../../shared/hooks.ts";
import { copy } from "../../../views/copy/index.ts";
import { DeskHomePage, NoMarketPage, type ArrivalRow } from "../../../views/desk/home.tsx";
import { CheckinPage, type Match } from "../../../views/desk/checkin.tsx";
import { RegisterPage, ExistingPage } from "../../../views/desk/register.tsx";
import { WorkerPage, type WorkerPageProps } from "../../../views/desk/worker.tsx";
import { PriorityPage } from "../../../views/desk/priority.tsx";
import { OrderPage, PublicOrderPage, type OrderRow } from "../../../views/desk/order.tsx";
import { WorkerCardPage, PublicCardPage } from "../../../views/desk/card.tsx";
import { JobSheetPage, PosterPage } from "../../../views/desk/print.tsx";
import { PostJobPage } from "../../../views/desk/post.tsx";
import type { DeskMarket } from "../../../views/desk/bits.tsx";
import { LookupForm, RegisterForm, PinForm, ConsentForm, ContactForm, RuleForm, SignUpForm, DeskPostForm } from "./desk.schema.ts";
import {
  parseLookup, categoriesOf, waitingDays, canSeeSensitive, fairOrder, drawOrder, newSeed, resolveBirthYear,
  olderBirthYearLimit, pageNumber, ageOn, birthYearBounds, priorityCategories, type PriorityCategory,
} from "./desk.domain.ts";
import { deskSettings } from "./desk.settings.ts";
import { qrSvg } from "./desk.qr.ts";
import { renderRecordPrint, issueRecordPrint, printUrl } from "../records/index.ts";
import * as repo from "./desk.repo.ts";
import { startProof, definePurpose, weakPinMessage, outcome as phoneOutcome } from "../phone/index.ts";

const t = copy.desk;
const PER_PAGE = 20;
/** A printed sheet: two columns of fifteen, about what a notice board holds. */
const SHEET_SIZE = 30;
const SUGGESTIONS_PER_WORKER = 3;

type Desk = { user: CurrentUser; market: repo.Market; m: DeskMarket };

/**
 * The market this desk page acts for. Staff: their own market, and a
 * `?market=` naming any other is a 404. County and city admins: the market
 * they picked in their scope (else one in `preferCounty`, else the first).
 * Null when an admin has no market at all in scope.
 */
async function deskOf(c: Ctx, preferCounty?: string | null): Promise<Desk | null> {
  const user = requireStaff(c);
  const { database, regions } = c.var.deps;
  const raw = c.req.query("market");
  const asked = raw === undefined ? null : Number(raw);
  ensure(asked === null || (Number.isSafeInteger(asked) && asked > 0), "market");
  if (user.role === "staff") {
    ensure(user.marketId !== null && (asked === null || asked === user.marketId), "market");
    const market = await repo.findMarket(database.db, user.marketId!);
    ensure(!!market, "market");
    return { user, market, m: { id: market.id, name: market.name, county: regions.countyName(market.countyCode), suffix: "", choices: null } };
  }
  const options = await repo.marketsForAdmin(database.db, user);
  const pick = asked !== null ? options.find((o) => o.id === asked) : (preferCounty && options.find((o) => o.countyCode === preferCounty)) || options[0];
  if (asked !== null) ensure(!!pick, "market");
  if (!pick) return null;
  const market = await repo.findMarket(database.db, pick.id);
  ensure(!!market && canSeeMarket(user, market), "market");
  return {
    user,
    market,
    m: {
      id: market.id,
      name: market.name,
      county: regions.countyName(market.countyCode),
      suffix: `?market=${market.id}`,
      choices: options.map((o) => [String(o.id), `${regions.countyName(o.countyCode)} ${o.name}`] as const),
    },
  };
}

async function requireDesk(c: Ctx, preferCounty?: string | null): Promise<Desk> {
  const d = await deskOf(c, preferCounty);
  if (!d) throw new NotFound("no market");
  return d;
}

const idParam = (c: Ctx) => {
  const id = Number(c.req.param("id"));
  ensure(Number.isSafeInteger(id) && id > 0);
  return id;
};

/** The worker of `:id`, if this staff member's county holds them; otherwise 404. */
async function workerInScope(c: Ctx, user: CurrentUser) {
  const w = await repo.findWorker(c.var.deps.database.db, idParam(c));
  ensure(!!w && canSeeCounty(user, w.scopeCounty), "worker");
  // A station's staff: only their station's people (src/shared/station-scope.ts).
  ensure(await stationHolds(c.var.deps.database.db, user, w.id), "worker");
  return w;
}

/** The desk for a worker's page: an admin without ?market= acts at a market of the worker's county. Also used by other features' desk pages (SMS alerts). */
export async function workerDesk(c: Ctx) {
  const user = requireStaff(c);
  const w = await workerInScope(c, user);
  const desk = await requireDesk(c, w.scopeCounty);
  return { ...desk, w };
}

function arrivalRows(user: CurrentUser, m: DeskMarket, rows: Awaited<ReturnType<typeof repo.checkInsOn>>): ArrivalRow[] {
  // A worker of another county may check in here, but this desk is not told her name (issue #16).
  return rows.map((r) => ({
    workerId: r.workerId,
    name: canSeeCounty(user, r.scopeCounty) ? r.name : t.otherCountyWorker,
    phone: r.phone,
    at: r.at,
    href: canSeeCounty(user, r.scopeCounty) ? paths.desk.worker(r.workerId) + m.suffix : null,
  }));
}

/** Township and address, without saying the township twice ("张桥镇 张桥镇王庄村" → "张桥镇王庄村"). */
function placeLine(township: string, address: string): string {
  if (!township) return address;
  return address.startsWith(township) ? address : [township, address].filter(Boolean).join(" ");
}

/** After the code she read from her phone matched: recorded, and back to her page at the desk. */
definePurpose<{ workerId: number; suffix: string }>("deskVerify", {
  title: copy.phone.deskSend,
  back: (x) => paths.desk.worker(x.workerId) + x.suffix,
  complete: async (c, p) => {
    const staff = c.var.user;
    if (!staff || staff.id !== p.staffId) return phoneOutcome(c, copy.phone.deskVerified);
    const deps = c.var.deps;
    await deps.database.write((db) =>
      auditInsert(db, staff, deps.clock.now(), { action: "desk.phone_verified", subjectType: "user", subjectId: p.payload.workerId, onBehalfOf: p.payload.workerId }),
    );
    return redirectWithFlash(c, paths.desk.worker(p.payload.workerId) + p.payload.suffix, copy.phone.deskVerified);
  },
});

export function deskRoutes() {
  const app = new Hono<AppEnv>();

  // --- Home -------------------------------------------------------------------

  app.get(paths.desk.home, async (c) => {
    const desk = await deskOf(c);
    if (!desk) return c.render(<NoMarketPage />, { title: t.title });
    const { user, market, m } = desk;
    const deps = c.var.deps;
    const now = deps.clock.now();
    const today = chinaDate(now);
    const [figures, arrived] = await Promise.all([
      repo.todayFigures(deps.database.db, { marketId: market.id, countyCode: market.countyCode, today, dayStart: chinaDayStart(now) }),
      repo.checkInsOn(deps.database.db, market.id, today),
    ]);
    // The newest arrivals first: the person at the counter is at the top.
    const latest = arrivalRows(user, m, arrived).reverse().slice(0, PER_PAGE);
    return c.render(<DeskHomePage m={m} today={today} figures={figures} arrivals={latest} employersQueue={employerQueuePath} />, { title: t.title });
  });

  // --- Check-in (签到) ---------------------------------------------------------------

  const checkinPage = async (desk: Desk, c: Ctx, extra: Partial<Parameters<typeof CheckinPage>[0]> = {}, status: 200 | 400 | 409 | 422 = 200) => {
    const deps = c.var.deps;
    const arrived = await repo.checkInsOn(deps.database.db, desk.market.id, chinaDate(deps.clock.now()));
    c.status(status);
    return c.render(<CheckinPage m={desk.m} arrivals={arrivalRows(desk.user, desk.m, arrived).reverse().slice(0, PER_PAGE)} {...extra} />, { title: t.checkinTitle });
  };

  app.get(paths.desk.checkin, async (c) => checkinPage(await requireDesk(c), c));

  app.post(paths.desk.checkin, async (c) => {
    const desk = await requireDesk(c);
    const { user, market } = desk;
    const deps = c.var.deps;
    const db = deps.database.db;
    const input = await readForm(c);
    const form = check(LookupForm, input);
    if (!form.ok) return checkinPage(desk, c, { values: input, errors: form.errors }, 400);
    let worker: repo.DeskWorker | null = null;
    if (form.value.workerId !== undefined) {
      // Picked from a list: only people this desk may see.
      worker = await repo.findWorker(db, form.value.workerId);
      ensure(!!worker && canSeeCounty(user, worker.scopeCounty), "worker");
    } else {
      const lookup = parseLookup(form.value.q ?? "");
      if (!lookup) return checkinPage(desk, c, { values: input, errors: { q: t.badLookup } }, 400);
      if (lookup.by === "name") {
        const matches: Match[] = await repo.searchWorkersByName(db, lookup.name, market.countyCode);
        if (matches.length === 0) return checkinPage(desk, c, { values: input, message: t.noNameMatch }, 422);
        return checkinPage(desk, c, { values: input, matches });
      }
      if (lookup.by === "phone") {
        worker = await repo.findWorkerByPhoneForDesk(db, lookup.phone);
        if (!worker) {
          const other = await findUserByPhone(db, lookup.phone);
          if (other) return checkinPage(desk, c, { values: input, message: t.notWorker }, 422);
          return checkinPage(desk, c, { values: input, message: t.unknownPhone, offerRegister: lookup.phone }, 422);
        }
      } else {
        worker = await repo.findWorkerByCardCode(db, lookup.code);
        if (!worker) return checkinPage(desk, c, { values: input, message: t.unknownCard }, 422);
      }
    }
    const w = worker!;
    const now = deps.clock.now();
    const done = await deps.database.transaction(async (tx) => {
      const [row] = await repo.insertCheckIn(tx, { marketId: market.id, workerId: w.id, day: chinaDate(now), at: now, viaStaffId: user.id });
      if (!row) return false;
      await auditInsert(tx, user, now, { action: "desk.checkin", subjectType: "check_in", subjectId: row.id, onBehalfOf: w.id, detail: { marketId: market.id } });
      // Her queue number today: the public order page shows numbers, not names.
      const arrived = await repo.checkInsOn(tx, market.id, chinaDate(now));
      return arrived.findIndex((a) => a.workerId === w.id) + 1;
    });
    // A worker of another county may check in here, but this desk is not told who she is (issue #16).
    const ours = canSeeCounty(user, w.scopeCounty);
    if (!done) return checkinPage(desk, c, { message: ours ? t.alreadyToday(w.name) : t.alreadyTodayOther }, 409);
    return redirectWithFlash(c, paths.desk.checkin + desk.m.suffix, (ours ? t.checkedIn(w.name) : t.checkedInOther) + t.queueNoYours(done));
  });

  // --- Walk-in registration (代登记) ---------------------------------------------------

  const registerPage = async (desk: Desk, c: Ctx, values?: FormInput, errors?: FormErrors, status: 200 | 400 = 200) => {
    const { regions, database } = c.var.deps;
    const county = typeof values?.countyCode === "string" && regions.countyNames.has(values.countyCode) ? values.countyCode : desk.market.countyCode;
    const kinds = await listKinds(database.db);
    c.status(status);
    return c.render(
      <RegisterPage
        m={desk.m}
        counties={regions.countyOptions()}
        townships={regions.townshipOptions(county)}
        kinds={kinds.map((k) => [String(k.id), k.name] as const)}
        values={{ countyCode: desk.market.countyCode, townshipCode: desk.market.townshipCode ?? undefined, ...values }}
        errors={errors}
      />,
      { title: t.registerTitle },
    );
  };

  app.get(paths.desk.register, async (c) => registerPage(await requireDesk(c), c));

  app.post(paths.desk.register, async (c) => {
    const desk = await requireDesk(c);
    const { user, market, m } = desk;
    const deps = c.var.deps;
    const input = await readForm(c, ["kinds"]);
    // From check-in's "为他登记": the phone just typed, carried in a POST (never in a URL).
    if (input.prefill) return registerPage(desk, c, { phone: input.phone });
    const form = check(RegisterForm, input);
    if (!form.ok) return registerPage(desk, c, input, form.errors, 400);
    const f = form.value;
    const now = deps.clock.now();
    const errors: FormErrors = {};
    if (!deps.regions.countyNames.has(f.countyCode)) errors.countyCode = t.unknownCountyChoice;
    else if (f.townshipCode && !deps.regions.townshipInCounty(f.townshipCode, f.countyCode)) errors.townshipCode = t.unknownTownship;
    const born = resolveBirthYear(f.birthYear, f.idNumber);
    const range = birthYearBounds(chinaDate(now));
    if (!born.ok) errors.birthYear = t.birthYearMismatch;
    else if (born.year !== null && (born.year < range.min || born.year > range.max)) errors.birthYear = copy.errors.range(t.birthYear, range.min, range.max);
    const known = new Set((await listKinds(deps.database.db)).map((k) => k.id));
    if (f.kinds.some((k) => !known.has(k))) errors.kinds = t.unknownKind;
    if (Object.keys(errors).length) return registerPage(desk, c, input, errors, 400);

    const outcome = await deps.database.transaction(async (tx) => {
      // Looked up inside the write, so two desks cannot register the same person at once.
      const byPhone = await findUserByPhone(tx, f.phone);
      if (byPhone) return byPhone.role === "worker" ? { kind: "existing" as const, id: byPhone.id } : { kind: "otherAccount" as const };
      if (f.idNumber) {
        const byId = await repo.findWorkerByIdNumber(tx, f.idNumber);
        if (byId) return { kind: "existing" as const, id: byId.id };
      }
      const created = await insertWorker(
        tx,
        {
          phone: f.phone,
          name: f.name,
          pinHash: null,
          countyCode: f.countyCode,
          townshipCode: f.townshipCode ?? null,
          birthYear: born.ok ? born.year : null,
          idNumber: f.idNumber ?? null,
          ownPhone: f.ownPhone === "yes",
          viaStaffId: user.id,
          viaMarketId: market.id,
        },
        now,
      );
      if (f.kinds.length) await repo.insertWorkerKinds(tx, created.id, [...new Set(f.kinds)]);
      // No code at the desk: the staff member vouches for the person in front of them, on the record.
      await tx.update(users).set({ phoneVouchedBy: user.id }).where(eq(users.id, created.id));
      await auditInsert(tx, user, now, { action: "desk.register", subjectType: "user", subjectId: created.id, onBehalfOf: created.id, detail: { marketId: market.id, phoneVouched: true } });
      // She is standing at the desk: registering her also checks her in for today.
      const [checkIn] = await repo.insertCheckIn(tx, { marketId: market.id, workerId: created.id, day: chinaDate(now), at: now, viaStaffId: user.id });
      if (checkIn) await auditInsert(tx, user, now, { action: "desk.checkin", subjectType: "check_in", subjectId: checkIn.id, onBehalfOf: created.id, detail: { marketId: market.id } });
      return { kind: "created" as const, ...created };
    });
    if (outcome.kind === "otherAccount") return registerPage(desk, c, input, { phone: t.phoneUsedByOther }, 400);
    if (outcome.kind === "existing") {
      const found = await repo.findWorker(deps.database.db, outcome.id);
      const href = found && canSeeCounty(user, found.scopeCounty) && (await stationHolds(deps.database.db, user, found.id)) ? paths.desk.worker(found.id) + m.suffix : null;
      c.status(409);
      return c.render(<ExistingPage m={m} href={href} />, { title: t.existing });
    }
    return redirectWithFlash(c, paths.desk.worker(outcome.id) + m.suffix, t.registered(outcome.cardCode));
  });

  // --- One worker's page ---------------------------------------------------------------

  const workerPage = async (
    c: Ctx,
    d: Desk & { w: repo.DeskWorker },
    extra: Partial<Pick<WorkerPageProps, "revealed" | "form" | "values" | "errors" | "message">> = {},
    status: 200 | 400 | 409 | 422 = 200,
  ) => {
    const deps = c.var.deps;
    const db = deps.database.db;
    const { user, market, m, w } = d;
    const now = deps.clock.now();
    const today = chinaDate(now);
    const sensitive = canSeeSensitive(user, w.scopeCounty);
    const [kinds, checkIns, facts, consents, contacts, suggestions, lock, via, pending, hireRows] = await Promise.all([
      repo.kindNamesOf(db, w.id),
      repo.recentCheckInsOf(db, w.id),
      repo.priorityFactsOf(db, [w.id], sensitive),
      sensitive ? repo.consentsOf(db, w.id) : Promise.resolve(null),
      repo.contactsOf(db, w.id),
      repo.matchingPostings(db, { workerIds: [w.id], countyCode: market.countyCode, today, until: addDays(today, 6), perWorker: 5 }),
      repo.lockOf(db, w.phone),
      w.viaMarketId ? repo.findMarket(db, w.viaMarketId) : Promise.resolve(null),
      repo.pendingSignUpsOf(db, w.id),
      repo.recentHiresOf(db, w.id),
    ]);
    const f = facts.get(w.id)!;
    const place = [deps.regions.countyName(w.countyCode), deps.regions.townshipName(w.townshipCode)].filter(Boolean).join(" ");
    c.status(status);
    return c.render(
      <WorkerPage
        m={m}
        w={{
          id: w.id,
          name: w.name,
          phone: w.phone,
          ownPhone: w.ownPhone !== false,
          cardCode: w.cardCode,
          birthYear: w.birthYear,
          age: ageOn(w.birthYear, today),
          place,
          kinds,
          idNumber: w.idNumber,
          viaMarket: via?.name ?? null,
          createdAt: w.createdAt,
          hasPin: !!w.hasPin,
          lock: lock?.lockedUntil && lock.lockedUntil > now ? (lock.lockedUntil === Number.MAX_SAFE_INTEGER ? "staff" : "temporary") : "none",
        }}
        checkIns={checkIns}
        categories={categoriesOf({ birthYear: w.birthYear, ...f }, today, deskSettings(deps))}
        consents={consents}
        contacts={contacts}
        suggestions={suggestions.get(w.id) ?? []}
        pending={pending.map((a) => ({ ...a, canConfirm: canSeeCounty(user, a.countyCode) }))}
        canReveal={canVerifyAndReveal(user)}
        hires={hireRows.filter((h) => canSeeCounty(user, h.countyCode))}
        {...extra}
      />,
      { title: t.workerTitle(w.name) },
    );
  };

  app.get(paths.desk.workerPattern, async (c) => workerPage(c, await workerDesk(c)));

  // Showing the full ID number is a logged act; the answer shows it once and is not cached.
  app.post(paths.desk.revealPattern, async (c) => {
    const d = await workerDesk(c);
    ensure(canVerifyAndReveal(d.user));
    if (!d.w.idNumber) throw new NotFound("no id number");
    const deps = c.var.deps;
    await deps.database.write((db) =>
      auditInsert(db, d.user, deps.clock.now(), { action: "reveal.id_number", subjectType: "user", subjectId: d.w.id, onBehalfOf: d.w.id }),
    );
    return workerPage(c, d, { revealed: d.w.idNumber });
  });

  // --- Login help: unlock and a new PIN typed by the worker -----------------------------------

  app.post(paths.desk.unlockPattern, async (c) => {
    const d = await workerDesk(c);
    const deps = c.var.deps;
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([repo.clearLock(db, d.w.phone), auditInsert(db, d.user, now, { action: "desk.unlock", subjectType: "user", subjectId: d.w.id, onBehalfOf: d.w.id })]),
    );
    return redirectWithFlash(c, paths.desk.worker(d.w.id) + d.m.suffix, t.unlocked(d.w.name));
  });

  app.post(paths.desk.pinPattern, async (c) => {
    const d = await workerDesk(c);
    const deps = c.var.deps;
    const form = check(PinForm, await readForm(c));
    if (!form.ok) return workerPage(c, d, { form: "pin", errors: form.errors }, 400);
    const weak = weakPinMessage(form.value.pin, d.w.idNumber);
    if (weak) return workerPage(c, d, { form: "pin", errors: { pin: weak } }, 400);
    const pinHash = await hashSecret(form.value.pin);
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([
        db.update(users).set({ pinHash }).where(eq(users.id, d.w.id)),
        repo.clearLock(db, d.w.phone),
        // Whoever knew the old PIN is signed out everywhere.
        db.delete(sessions).where(eq(sessions.userId, d.w.id)),
        auditInsert(db, d.user, now, { action: "desk.pin_reset", subjectType: "user", subjectId: d.w.id, onBehalfOf: d.w.id }),
      ]),
    );
    return redirectWithFlash(c, paths.desk.worker(d.w.id) + d.m.suffix, t.pinSet(d.w.name));
  });

  // --- A code to the worker's own phone, when she has it with her ------------------------------

  app.post(paths.phone.deskVerifyPattern, async (c) => {
    const d = await workerDesk(c);
    const r = await startProof(c, { purpose: "deskVerify", phone: d.w.phone, payload: { workerId: d.w.id, suffix: d.m.suffix }, staffId: d.user.id });
    if (!r.ok) return redirectWithFlash(c, paths.desk.worker(d.w.id) + d.m.suffix, r.message);
    return c.redirect(r.location, 303);
  });

  // --- Priority: consents for the sensitive categories, contacts -----------------------------

  app.post(paths.desk.consentPattern, async (c) => {
    const d = await workerDesk(c);
    ensure(canSeeSensitive(d.user, d.w.scopeCounty), "sensitive");
    const deps = c.var.deps;
    const input = await readForm(c, ["categories"]);
    const form = check(ConsentForm, input);
    if (!form.ok) return workerPage(c, d, { form: "consent", values: input, errors: form.errors }, 400);
    const now = deps.clock.now();
    const rows = [...new Set(form.value.categories)].map((category) => ({
      workerId: d.w.id,
      category,
      consentText: t.consentText[category],
      consentedAt: now,
      recordedBy: d.user.id,
      marketId: d.market.id,
    }));
    // The audit entry names no category: it outlives the data if the worker asks to delete it.
    await deps.database.write((db) =>
      db.batch([repo.insertConsents(db, rows), auditInsert(db, d.user, now, { action: "desk.priority_consent", subjectType: "user", subjectId: d.w.id, onBehalfOf: d.w.id })]),
    );
    return redirectWithFlash(c, paths.desk.worker(d.w.id) + d.m.suffix, t.consentSaved);
  });

  app.post(paths.desk.consentRemovePattern, async (c) => {
    const d = await workerDesk(c);
    ensure(canSeeSensitive(d.user, d.w.scopeCounty), "sensitive");
    const deps = c.var.deps;
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([repo.deleteConsents(db, d.w.id), auditInsert(db, d.user, now, { action: "desk.priority_consent_removed", subjectType: "user", subjectId: d.w.id, onBehalfOf: d.w.id })]),
    );
    return redirectWithFlash(c, paths.desk.worker(d.w.id) + d.m.suffix, t.consentRemoved);
  });

  app.post(paths.desk.contactPattern, async (c) => {
    const d = await workerDesk(c);
    const deps = c.var.deps;
    const input = await readForm(c);
    const form = check(ContactForm, input);
    if (!form.ok) return workerPage(c, d, { form: "contact", values: input, errors: form.errors }, 400);
    const f = form.value;
    if (f.postingId !== undefined) {
      const p = await repo.findOpenPosting(deps.database.db, f.postingId);
      if (!p || p.countyCode !== d.market.countyCode) return workerPage(c, d, { form: "contact", values: input, errors: { postingId: t.unknownPosting } }, 422);
    }
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([
        repo.insertContact(db, { workerId: d.w.id, postingId: f.postingId ?? null, outcome: f.outcome, note: f.note, at: now, staffId: d.user.id, marketId: d.market.id }),
        auditInsert(db, d.user, now, { action: "desk.contact", subjectType: "user", subjectId: d.w.id, onBehalfOf: d.w.id, detail: { outcome: f.outcome } }),
      ]),
    );
    return redirectWithFlash(c, paths.desk.worker(d.w.id) + d.m.suffix, t.contactSaved);
  });

  // --- Acting for the person present (代办): sign-ups, quotes, confirmations, postings ----------------

  app.post(paths.desk.signUpPattern, async (c) => {
    const d = await workerDesk(c);
    const deps = c.var.deps;
    const input = await readForm(c);
    const form = check(SignUpForm, input);
    if (!form.ok) return workerPage(c, d, { form: "signup", values: input, errors: form.errors }, 400);
    const f = form.value;
    const posting = await repo.findOpenPosting(deps.database.db, f.posting);
    if (!posting) return workerPage(c, d, { form: "signup", values: input, errors: { posting: t.unknownPostingAny } }, 422);
    const isQuote = posting.payMode === "quote";
    if (isQuote && f.quote === undefined) return workerPage(c, d, { form: "signup", values: input, errors: { quote: t.quoteNeeded } }, 422);
    const now = deps.clock.now();
    const via = { viaStaffId: d.user.id, viaMarketId: d.market.id };
    const outcome = await deps.database.transaction(async (tx) => {
      const r = await signUp(tx, { postingId: posting.id, workerId: d.w.id, quoteFen: isQuote ? f.quote! : null, quoteNote: isQuote ? f.quoteNote ?? null : null }, chinaDate(now), now);
      if (!r.ok) return r;
      await repo.viaOnApplication(tx, r.applicationId, via);
      // A sign-up made here is a referral: it goes in the worker's contact log too.
      await repo.insertContact(tx, { workerId: d.w.id, postingId: posting.id, outcome: "referred", note: "", at: now, staffId: d.user.id, marketId: d.market.id });
      await auditInsert(tx, d.user, now, {
        action: isQuote ? "desk.quote" : "desk.sign_up",
        subjectType: "application",
        subjectId: r.applicationId,
        onBehalfOf: d.w.id,
        detail: { postingId: posting.id },
      });
      return r;
    });
    if (!outcome.ok) {
      return workerPage(c, d, { message: t.signUpRefused[outcome.reason] }, outcome.reason === "already" ? 409 : 422);
    }
    const back = f.back === "priority" ? paths.desk.priority : paths.desk.worker(d.w.id);
    return redirectWithFlash(c, back + d.m.suffix, t.signedUp(d.w.name, posting.title));
  });

  // 录用 with the employer standing at the desk: their decision, entered by staff.
  app.post(paths.desk.confirmPattern, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const a = await repo.signUpForDesk(deps.database.db, idParam(c));
    ensure(!!a && canSeeCounty(user, a.countyCode), "application");
    const w = await repo.findWorker(deps.database.db, a.workerId);
    ensure(!!w && canSeeCounty(user, w.scopeCounty) && (await stationHolds(deps.database.db, user, w.id)), "worker");
    const d = { ...(await requireDesk(c, a.countyCode)), w };
    const now = deps.clock.now();
    const via = { viaStaffId: user.id, viaMarketId: d.market.id };
    const outcome = await deps.database.transaction(async (tx) => {
      const r = await confirmApplication(tx, a.id, a.employerId, { today: chinaDate(now), now, place: (p) => placeOf(deps, p) });
      if (!r.ok || r.hireId === undefined) return r;
      await repo.viaOnHire(tx, r.hireId, via);
      await auditInsert(tx, user, now, { action: "desk.confirm", subjectType: "hire", subjectId: r.hireId, onBehalfOf: a.employerUserId, detail: { applicationId: a.id, workerId: a.workerId } });
      return r;
    });
    if (!outcome.ok) return workerPage(c, d, { message: t.confirmRefused[outcome.reason] }, outcome.reason === "notFound" ? 422 : 409);
    return redirectWithFlash(c, paths.desk.worker(w.id) + d.m.suffix, t.confirmed(w.name, a.title));
  });

  const postJobPage = async (c: Ctx, desk: Desk, extra: { values?: FormInput; errors?: FormErrors; message?: string } = {}, status: 200 | 400 | 422 = 200) => {
    const deps = c.var.deps;
    const kinds = await listKinds(deps.database.db);
    c.status(status);
    return c.render(
      <PostJobPage
        m={desk.m}
        kinds={kinds.map((k) => [String(k.id), k.name] as const)}
        counties={deps.regions.countyOptions()}
        values={{ countyCode: desk.market.countyCode, ...extra.values }}
        errors={extra.errors}
        message={extra.message}
        employersQueue={employerQueuePath}
      />,
      { title: t.postTitle },
    );
  };

  app.get(paths.desk.postJob, async (c) => postJobPage(c, await requireDesk(c)));

  app.post(paths.desk.postJob, async (c) => {
    const desk = await requireDesk(c);
    const deps = c.var.deps;
    const db = deps.database.db;
    const input = await readForm(c);
    const form = check(DeskPostForm, input);
    if (!form.ok) return postJobPage(c, desk, { values: input, errors: form.errors }, 400);
    const f = form.value;
    const account = await findUserByPhone(db, f.employerPhone);
    const employer = account?.role === "employer" ? await employerForUser(db, account.id) : null;
    if (!account || !employer) return postJobPage(c, desk, { values: input, errors: { employerPhone: t.noEmployer } }, 422);
    const kinds = await listKinds(db);
    const kindName = kinds.find((k) => k.id === f.kindId)?.name ?? "";
    const now = deps.clock.now();
    const today = chinaDate(now);
    const draft = quickDraft({ ...f, wageFen: f.wage }, { today, title: copy.jobs.quickPostingTitle(kindName), contactName: employer.contactName });
    const problems = draftProblems(draft, {
      today,
      countyExists: (code) => deps.regions.countyNames.has(code),
      townshipInCounty: (tw, county) => deps.regions.townshipInCounty(tw, county),
      kindExists: (id) => kinds.some((k) => k.id === id),
      brandExists: () => false,
    });
    if (Object.keys(problems).length) {
      const errors: FormErrors = {};
      for (const [field, code] of Object.entries(problems)) errors[field === "wageFen" ? "wage" : field] = copy.jobs.problems[code as DraftProblem];
      return postJobPage(c, desk, { values: input, errors }, 400);
    }
    // Posting for someone never skips what would stop them posting themselves.
    if (publishProblem(employer.status, draft, today) === "notVerified") return postJobPage(c, desk, { values: input, message: t.employerNotVerified }, 422);
    const refusal = await publishRefusal(deps, employer.id);
    if (refusal) return postJobPage(c, desk, { values: input, message: refusal }, 422);
    const text = searchText({
      title: draft.title,
      kindName,
      duties: draft.duties,
      requirements: draft.requirements,
      address: draft.address,
      countyName: deps.regions.countyName(draft.countyCode),
      townshipName: deps.regions.townshipName(draft.townshipCode),
    });
    const id = await deps.database.transaction(async (tx) => {
      const postingId = await insertPosting(tx, { employerId: employer.id, draft, searchText: text, status: "open", quick: true }, now);
      await repo.viaOnPosting(tx, postingId, { viaStaffId: desk.user.id, viaMarketId: desk.market.id });
      await auditInsert(tx, desk.user, now, { action: "desk.post_job", subjectType: "posting", subjectId: postingId, onBehalfOf: account.id, detail: { marketId: desk.market.id } });
      return postingId;
    });
    return redirectWithFlash(c, paths.jobs.show(id), t.posted);
  });

  // --- The help queue (困难人员帮扶) -------------------------------------------------------------

  app.get(paths.desk.priority, async (c) => {
    const { user, market, m } = await requireDesk(c);
    const deps = c.var.deps;
    const db = deps.database.db;
    const s = deskSettings(deps);
    const q = readQuery(c);
    const today = chinaDate(deps.clock.now());
    const sensitive = canSeeSensitive(user, market.countyCode);
    const asked = (priorityCategories as readonly string[]).includes(String(q.category)) ? (q.category as PriorityCategory) : undefined;
    const category = !sensitive && (asked === "low_income" || asked === "disabled") ? undefined : asked;
    const page = pageNumber(q.page);
    const { rows, total } = await repo.priorityQueue(db, {
      countyCode: market.countyCode,
      waitCutoff: addDays(today, -s.longWaitDays),
      olderBornBy: olderBirthYearLimit(today, s),
      withSensitive: sensitive,
      category,
      limit: PER_PAGE,
      offset: (page - 1) * PER_PAGE,
    });
    const suggestions = await repo.matchingPostings(db, {
      workerIds: rows.map((r) => r.id),
      countyCode: market.countyCode,
      today,
      until: addDays(today, 6),
      perWorker: SUGGESTIONS_PER_WORKER,
    });
    return c.render(
      <PriorityPage
        m={m}
        intro={t.priorityIntro(s.longWaitDays, s.olderAge)}
        rows={rows.map((r) => ({
          id: r.id,
          name: r.name,
          phone: r.phone,
          categories: categoriesOf(r, today, s),
          waiting: waitingDays(r, today),
          lastContact: r.lastContact,
          suggestions: suggestions.get(r.id) ?? [],
        }))}
        total={total}
        category={category}
        page={page}
        pages={Math.max(1, Math.ceil(total / PER_PAGE))}
        showsSensitive={sensitive}
      />,
      { title: t.priorityTitle },
    );
  });

  // --- Fair order (公平派工) -------------------------------------------------------------------

  /** Today's order at a market, as the rule says, and the draw if there is one. */
  async function todaysOrder(c: Ctx, marketId: number) {
    const deps = c.var.deps;
    const db = deps.database.db;
    const today = chinaDate(deps.clock.now());
    const [rule, arrived, draw] = await Promise.all([repo.ruleOf(db, marketId), repo.checkInsOn(db, marketId, today), repo.drawOf(db, marketId, today)]);
    let priority = new Set<number>();
    if (rule === "priority") {
      // Everyone's categories count here (the worker consented to priority help); the order shows none of them.
      const s = deskSettings(deps);
      const facts = await repo.priorityFactsOf(db, arrived.map((a) => a.workerId), true);
      priority = new Set(arrived.filter((a) => categoriesOf({ birthYear: a.birthYear, ...facts.get(a.workerId)! }, today, s).length > 0).map((a) => a.workerId));
    }
    const order = fairOrder(rule, arrived, { priority, drawn: rule === "draw" ? draw?.order ?? null : null });
    const byId = new Map(arrived.map((a) => [a.workerId, a]));
    const drawInfo = draw ? { seed: draw.seed, drawnAt: draw.drawnAt, late: arrived.some((a) => !draw.order.includes(a.workerId)) } : null;
    return { today, rule, draw: drawInfo, arrived, order: order.map((id) => byId.get(id)!) };
  }

  const orderPage = async (c: Ctx, desk: Desk, extra: { errors?: FormErrors; message?: string } = {}, status: 200 | 400 | 409 | 422 = 200) => {
    const o = await todaysOrder(c, desk.market.id);
    const rows: OrderRow[] = o.order.map((a) => ({
      who: canSeeCounty(desk.user, a.scopeCounty) ? a.name : t.otherCountyWorker,
      masked: maskPhone(a.phone),
      href: canSeeCounty(desk.user, a.scopeCounty) ? paths.desk.worker(a.workerId) + desk.m.suffix : null,
    }));
    c.status(status);
    return c.render(<OrderPage m={desk.m} today={o.today} rule={o.rule} rows={rows} draw={o.draw} {...extra} />, { title: t.orderTitle });
  };

  app.get(paths.desk.order, async (c) => orderPage(c, await requireDesk(c)));

  app.post(paths.desk.order, async (c) => {
    const desk = await requireDesk(c);
    const deps = c.var.deps;
    const form = check(RuleForm, await readForm(c));
    if (!form.ok) return orderPage(c, desk, { errors: form.errors }, 400);
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([
        repo.setRule(db, desk.market.id, form.value.rule, desk.user.id, now),
        auditInsert(db, desk.user, now, { action: "desk.fair_order_rule", subjectType: "market", subjectId: desk.market.id, detail: { rule: form.value.rule } }),
      ]),
    );
    return redirectWithFlash(c, paths.desk.order + desk.m.suffix, t.ruleSaved);
  });

  app.post(paths.desk.draw, async (c) => {
    const desk = await requireDesk(c);
    const deps = c.var.deps;
    const now = deps.clock.now();
    const today = chinaDate(now);
    const seed = newSeed(() => crypto.getRandomValues(new Uint32Array(1))[0]);
    const outcome = await deps.database.transaction(async (tx) => {
      if ((await repo.ruleOf(tx, desk.market.id)) !== "draw") return "notRule" as const;
      if (await repo.drawOf(tx, desk.market.id, today)) return "already" as const;
      const arrived = await repo.checkInsOn(tx, desk.market.id, today);
      if (arrived.length === 0) return "nobody" as const;
      const order = drawOrder(arrived.map((a) => a.workerId), seed);
      const [row] = await repo.insertDraw(tx, { marketId: desk.market.id, day: today, seed, order, at: now, by: desk.user.id });
      await auditInsert(tx, desk.user, now, { action: "desk.draw", subjectType: "fair_draw", subjectId: row.id, detail: { seed, count: order.length } });
      return "done" as const;
    });
    if (outcome === "done") return redirectWithFlash(c, paths.desk.order + desk.m.suffix, t.drawDone);
    const message = outcome === "already" ? t.drawAlready : outcome === "nobody" ? t.drawNobody : t.drawNotRule;
    return orderPage(c, desk, { message }, outcome === "already" ? 409 : 422);
  });

  // Public: the rule and today's order as queue numbers (the order of arrival, told to each worker at
  // check-in) — no name fragment, no phone digits (issue #16: surname, name length and last 4 digits were shown).
  app.get(paths.desk.stationOrderPattern, async (c) => {
    const id = idParam(c);
    const market = await repo.findMarket(c.var.deps.database.db, id);
    if (!market) throw new NotFound("market");
    const o = await todaysOrder(c, market.id);
    const number = new Map(o.arrived.map((a, i) => [a.workerId, i + 1]));
    const rows: OrderRow[] = o.order.map((a) => ({ who: t.queueNo(number.get(a.workerId)!), masked: "" }));
    return c.render(<PublicOrderPage name={market.name} today={o.today} rule={o.rule} rows={rows} draw={o.draw} />, { title: t.publicTitle(market.name) });
  });

  // --- Worker card and the page its QR code opens ------------------------------------------------

  // 务工记录: printed for the worker in front of the desk (the records feature draws it).
  app.post(paths.desk.recordPattern, async (c) => {
    const d = await workerDesk(c);
    const code = await issueRecordPrint(c, d.w.id, d.user);
    return c.redirect(printUrl(paths.desk.record(d.w.id) + d.m.suffix, code), 303);
  });

  app.get(paths.desk.recordPattern, async (c) => {
    const d = await workerDesk(c);
    const back = paths.desk.worker(d.w.id) + d.m.suffix;
    return (await renderRecordPrint(c, { id: d.w.id, name: d.w.name }, back)) ?? c.redirect(back, 303);
  });

  app.get(paths.desk.cardPattern, async (c) => {
    const d = await workerDesk(c);
    if (!d.w.cardCode) throw new NotFound("no card code");
    const deps = c.var.deps;
    const qr = await qrSvg(deps.config.publicUrl + paths.desk.cardCode(d.w.cardCode));
    return c.render(
      <WorkerCardPage name={d.w.name} code={d.w.cardCode} market={d.market.name} hotline={deps.config.hotline} qr={qr} back={paths.desk.worker(d.w.id) + d.m.suffix} />,
      { title: t.cardTitle, bare: true },
    );
  });

  app.get(paths.desk.cardCodePattern, async (c) => {
    const deps = c.var.deps;
    const user = c.var.user;
    const lookup = parseLookup(c.req.param("code"));
    if (user && lookup?.by === "card") {
      const w = await repo.findWorkerByCardCode(deps.database.db, lookup.code);
      if (w && isStaff(user) && canSeeCounty(user, w.scopeCounty)) return c.redirect(paths.desk.worker(w.id), 303);
      if (w && user.role === "worker" && user.id === w.id) return c.redirect(paths.accounts.me, 303);
    }
    // Everyone else, and every unknown code, gets the same page: codes cannot be probed.
    return c.render(<PublicCardPage hotline={deps.config.hotline} />, { title: t.publicCardTitle });
  });

  // --- Printing for the notice board ------------------------------------------------------------------

  app.get(paths.desk.printJobs, async (c) => {
    const { market, m } = await requireDesk(c);
    const deps = c.var.deps;
    const today = chinaDate(deps.clock.now());
    // The week by default; "days=1" prints today's work only (a fresh sheet each morning).
    const todayOnly = c.req.query("days") === "1";
    const until = todayOnly ? today : addDays(today, 6);
    const page = pageNumber(c.req.query("page"));
    const { rows, total } = await repo.postingsToPrint(deps.database.db, { countyCode: market.countyCode, today, until, limit: SHEET_SIZE, offset: (page - 1) * SHEET_SIZE });
    const cards = await Promise.all(
      // A printed sheet goes on a public notice board: numbers typed into free text are masked.
      rows.map(maskPostingText).map(async (p) => ({
        ...p,
        place: placeLine(deps.regions.townshipName(p.townshipCode), p.address),
        qr: await qrSvg(deps.config.publicUrl + paths.jobs.show(p.id)),
      })),
    );
    const base = paths.desk.printJobs + m.suffix;
    const join = base.includes("?") ? "&" : "?";
    const href = (n: number) => `${base}${join}${todayOnly ? "days=1&" : ""}page=${n}`;
    return c.render(
      <JobSheetPage
        market={market.name}
        station={{ phone: market.phone, hours: market.hours }}
        today={today}
        until={until}
        todayOnly={todayOnly}
        switchHref={todayOnly ? base : `${base}${join}days=1`}
        cards={cards}
        total={total}
        page={page}
        pages={Math.max(1, Math.ceil(total / SHEET_SIZE))}
        href={href}
        back={paths.desk.home + m.suffix}
      />,
      { title: t.printSheetTitle(market.name), bare: true },
    );
  });

  app.get(paths.desk.printPoster, async (c) => {
    const { market, m } = await requireDesk(c);
    const deps = c.var.deps;
    const qr = await qrSvg(deps.config.publicUrl + paths.hotline.report);
    let kinds: string[] = [];
    try {
      const parsed: unknown = JSON.parse(market.kinds);
      if (Array.isArray(parsed)) kinds = parsed.filter((k): k is string => typeof k === "string");
    } catch {
      kinds = [];
    }
    return c.render(
      <PosterPage
        name={market.name}
        address={market.address}
        hours={market.hours}
        kinds={kinds}
        phone={market.phone}
        supervision={market.supervisionPhone}
        hotline={deps.config.hotline}
        qr={qr}
        back={paths.desk.home + m.suffix}
      />,
      { title: market.name, bare: true },
    );
  });

  return app;
}

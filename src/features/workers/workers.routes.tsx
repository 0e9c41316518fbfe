/** @jsxImportSource hono/jsx */
// Workers: registration, 我的资料, PIN change, work-seeking cards (求职信息)
// and the public list of them (找工人).
import { Hono } from "hono";
import type { AppEnv, Ctx, Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { hashSecret, verifySecret } from "../../shared/crypto.ts";
import { startSession, endAllSessions } from "../../shared/session.ts";
import { checkThrottle, recordFailure, clearPair, loginKeys } from "../../shared/throttle.ts";
import { requireRole, isStaff, ensure } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { chinaDate } from "../../shared/clock.ts";
import { findUserByPhone, clientAddress } from "../accounts/index.ts";
import { findWorkerByPhone } from "./workers.repo.ts";
import { employerForUser, isVerified } from "../employers/index.ts";
import { copy } from "../../../views/copy/index.ts";
import type { Option } from "../../../views/components/forms.tsx";
import { WorkerRegisterPage } from "../../../views/workers/register.tsx";
import { ProfilePage, PinPage } from "../../../views/workers/profile.tsx";
import { MyCardsPage, NewCardPage, WorkersListPage } from "../../../views/workers/cards.tsx";
import { RegisterForm, PinForm, NewPinForm, profileForm, cardForm } from "./workers.schema.ts";
import { daysString, daysList, wageProblem, placeProblem, canOpenAnotherCard, maskName, ageIn, seesFullPhone, MAX_OPEN_CARDS } from "./workers.domain.ts";
import * as repo from "./workers.repo.ts";
import { startProof, definePurpose, provenStep, finishStep, weakPinMessage, outcome } from "../phone/index.ts";
import { PhoneOnlyForm } from "../phone/phone.schema.ts";
import { PhoneOnlyPage, NewPinPage } from "../../../views/phone/pages.tsx";

const pt = copy.phone;

/**
 * After the code matched: a new number becomes a worker account and is signed
 * in; a number that already has a worker account is signed in to it (and gets
 * the PIN just chosen if it had none, as after a sign-up without an account).
 */
definePurpose<{ name: string; pinHash: string }>("registerWorker", {
  title: copy.workers.registerTitle,
  back: () => paths.workers.register,
  complete: async (c, p) => {
    const deps = c.var.deps;
    const now = deps.clock.now();
    const r = await deps.database.transaction(async (tx) => {
      const existing = await findUserByPhone(tx, p.phone);
      if (existing) {
        if (existing.role !== "worker" || existing.disabledAt !== null) return { other: true as const };
        if (!existing.pinHash) await repo.updatePin(tx, existing.id, p.payload.pinHash);
        return { id: existing.id, existed: true };
      }
      return { id: (await repo.insertWorker(tx, { phone: p.phone, name: p.payload.name, pinHash: p.payload.pinHash }, now)).id, existed: false };
    });
    if ("other" in r) return outcome(c, pt.otherRoleAccount);
    await startSession(c, r.id);
    return r.existed ? redirectWithFlash(c, paths.accounts.me, pt.alreadyAccountSignedIn) : redirectWithFlash(c, paths.workers.profile, t.registered);
  },
});

/** After a reset code matched: a worker goes on to set a new PIN; anyone else is told what to do. */
definePurpose("pinReset", {
  title: copy.phone.forgotTitle,
  twoStep: true,
  back: () => paths.workers.forgotPin,
  complete: async (c, p) => {
    const deps = c.var.deps;
    const user = await findUserByPhone(deps.database.db, p.phone);
    if (user?.role === "worker" && user.disabledAt === null) return c.redirect(paths.phone.newPin(p.token), 303);
    const step = await provenStep(deps, p.token);
    if (step) await finishStep(deps, step.id);
    if (!user) return outcome(c, pt.noAccount, [[paths.workers.register, pt.registerLink]]);
    return outcome(c, user.disabledAt !== null ? pt.disabled : pt.pinResetNotWorker);
  },
});

const t = copy.workers;
const PER_PAGE = 20;

/** Errors of a checkbox group come keyed "kinds.0"; the field is "kinds". */
const byField = (errors: FormErrors): FormErrors => {
  const out: FormErrors = {};
  for (const [k, m] of Object.entries(errors)) out[k.split(".")[0]] ??= m;
  return out;
};

const pageNumber = (raw: string | string[] | undefined) => {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
};

/** Township choices: the chosen county's, or every township labelled with its county. */
function townshipOptions(deps: Deps, county: unknown): Option[] {
  const { regions } = deps;
  if (typeof county === "string" && regions.countyNames.has(county)) return [...regions.townshipOptions(county)];
  return regions.data.townships.map((tw) => [tw.code, `${regions.countyName(tw.countyCode)} ${tw.name}`] as const);
}

const placeName = (deps: Deps, county: string, township: string | null) =>
  [deps.regions.countyName(county), deps.regions.townshipName(township)].filter(Boolean).join(" ");

/** Checks county and township against the region data; adds field errors. */
function checkPlace(deps: Deps, county: string | undefined, township: string | undefined, errors: FormErrors) {
  if (county && !deps.regions.countyNames.has(county)) errors.countyCode = t.countyInvalid;
  else {
    const problem = placeProblem(county, township, deps.regions.townshipInCounty);
    if (problem) errors.townshipCode = t[problem];
  }
}

export function workersRoutes() {
  const app = new Hono<AppEnv>();

  // --- Registration ---------------------------------------------------------

  const registerPage = (c: Ctx, values?: FormInput, errors?: FormErrors, status: 200 | 400 | 409 | 429 = 200) => {
    c.status(status);
    return c.render(<WorkerRegisterPage values={values} errors={errors} />, { title: t.registerTitle });
  };

  app.get(paths.workers.register, (c) => {
    if (c.var.user) return c.redirect(paths.accounts.me, 303);
    return registerPage(c);
  });

  app.post(paths.workers.register, async (c) => {
    if (c.var.user) return c.redirect(paths.accounts.me, 303);
    const input = await readForm(c);
    const kept = { phone: input.phone, name: input.name };
    const form = check(RegisterForm, input);
    if (!form.ok) return registerPage(c, kept, form.errors, 400);
    const weak = weakPinMessage(form.value.pin);
    if (weak) return registerPage(c, kept, { pin: weak }, 400);
    // Nothing is looked up yet: the same code step follows for a new number and for one with an account.
    const pinHash = await hashSecret(form.value.pin);
    const r = await startProof(c, { purpose: "registerWorker", phone: form.value.phone, payload: { name: form.value.name, pinHash } });
    if (!r.ok) return registerPage(c, kept, { phone: r.message }, 429);
    return c.redirect(r.location, 303);
  });

  // --- 忘记密码: a new PIN by code ---------------------------------------------------

  const forgotPage = (c: Ctx, values: FormInput = {}, errors?: FormErrors, status: 200 | 400 | 429 = 200) => {
    c.status(status);
    return c.render(<PhoneOnlyPage title={pt.forgotTitle} intro={pt.forgotIntro} action={paths.workers.forgotPin} values={values} errors={errors} />, { title: pt.forgotTitle });
  };
  app.get(paths.workers.forgotPin, (c) => forgotPage(c));
  app.post(paths.workers.forgotPin, async (c) => {
    const input = await readForm(c);
    const form = check(PhoneOnlyForm, input);
    if (!form.ok) return forgotPage(c, input, form.errors, 400);
    const r = await startProof(c, { purpose: "pinReset", phone: form.value.phone });
    if (!r.ok) return forgotPage(c, input, { phone: r.message }, 429);
    return c.redirect(r.location, 303);
  });

  const newPinPage = (c: Ctx, token: string, errors?: FormErrors, status: 200 | 400 = 200) => {
    c.status(status);
    c.header("cache-control", "no-store");
    return c.render(<NewPinPage token={token} errors={errors} />, { title: pt.newPinTitle });
  };
  const provenWorker = async (c: Ctx) => {
    const deps = c.var.deps;
    const token = c.req.param("token") ?? "";
    const step = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await provenStep(deps, token) : null;
    if (!step || step.purpose !== "pinReset") throw new NotFound("step");
    const user = await findWorkerByPhone(deps.database.db, step.phone);
    if (!user || user.role !== "worker") throw new NotFound("worker");
    return { token, step, user };
  };
  app.get(paths.phone.newPinPattern, async (c) => newPinPage(c, (await provenWorker(c)).token));
  app.post(paths.phone.newPinPattern, async (c) => {
    const deps = c.var.deps;
    const { token, step, user } = await provenWorker(c);
    const form = check(NewPinForm, await readForm(c));
    if (!form.ok) return newPinPage(c, token, form.errors, 400);
    const me = await repo.profileOf(deps.database.db, user.id);
    const weak = weakPinMessage(form.value.pin, me?.profile?.idNumber);
    if (weak) return newPinPage(c, token, { pin: weak }, 400);
    const pinHash = await hashSecret(form.value.pin);
    if (!(await finishStep(deps, step.id))) throw new NotFound("step");
    await deps.database.write((db) => repo.updatePin(db, user.id, pinHash));
    // Whoever was signed in with the old PIN is signed out.
    await endAllSessions(deps, user.id);
    await startSession(c, user.id);
    return redirectWithFlash(c, paths.accounts.me, pt.pinReset);
  });

  // --- Profile ----------------------------------------------------------------

  const kindOptions = async (deps: Deps): Promise<Option[]> =>
    (await repo.listKinds(deps.database.db)).map((k) => [String(k.id), k.name] as const);

  const profilePage = async (c: Ctx, cardCode: string | null, values: FormInput, errors?: FormErrors, status: 200 | 400 = 200) => {
    const deps = c.var.deps;
    c.status(status);
    return c.render(
      <ProfilePage
        cardCode={cardCode}
        kinds={await kindOptions(deps)}
        counties={deps.regions.countyOptions()}
        townships={townshipOptions(deps, values.countyCode)}
        values={values}
        errors={errors}
      />,
      { title: t.profileTitle },
    );
  };

  app.get(paths.workers.profile, async (c) => {
    const user = requireRole(c, "worker");
    const me = await repo.profileOf(c.var.deps.database.db, user.id);
    if (!me) throw new NotFound("worker");
    const p = me.profile;
    return profilePage(c, p?.cardCode ?? null, {
      name: me.name,
      birthYear: p?.birthYear ? String(p.birthYear) : undefined,
      gender: p?.gender ?? undefined,
      countyCode: p?.countyCode ?? undefined,
      townshipCode: p?.townshipCode ?? undefined,
      kinds: me.kindIds.map(String),
      days: daysList(p?.days),
      wage: p?.expectedWageFen ? String(p.expectedWageFen / 100) : undefined,
      wageUnit: p?.expectedWageUnit ?? undefined,
    });
  });

  app.post(paths.workers.profile, async (c) => {
    const user = requireRole(c, "worker");
    const deps = c.var.deps;
    const input = await readForm(c, ["kinds", "days"]);
    const now = deps.clock.now();
    const kindIds = (await kindOptions(deps)).map(([id]) => id);
    const form = check(profileForm(Number(chinaDate(now).slice(0, 4)), kindIds), input);
    const errors: FormErrors = form.ok ? {} : byField(form.errors);
    if (form.ok) {
      const f = form.value;
      checkPlace(deps, f.countyCode, f.townshipCode, errors);
      const wage = wageProblem(f.wage, f.wageUnit);
      if (wage) errors[wage === "wageNeeded" ? "wage" : "wageUnit"] = t[wage];
    }
    const cardCode = (await repo.profileOf(deps.database.db, user.id))?.profile?.cardCode ?? null;
    if (!form.ok || Object.keys(errors).length) return profilePage(c, cardCode, input, errors, 400);
    const f = form.value;
    await deps.database.write((db) =>
      db.batch(
        repo.saveProfileStatements(
          db,
          user.id,
          {
            name: f.name,
            birthYear: f.birthYear ?? null,
            gender: f.gender ?? null,
            countyCode: f.countyCode ?? null,
            townshipCode: f.townshipCode ?? null,
            kindIds: f.kinds.map(Number),
            days: daysString(f.days),
            expectedWageFen: f.wage ?? null,
            expectedWageUnit: f.wageUnit ?? null,
          },
          now,
        ),
      ),
    );
    return redirectWithFlash(c, paths.workers.profile, t.saved);
  });

  // --- PIN --------------------------------------------------------------------

  app.get(paths.workers.pin, (c) => {
    requireRole(c, "worker");
    return c.render(<PinPage />, { title: t.pinTitle });
  });

  app.post(paths.workers.pin, async (c) => {
    const user = requireRole(c, "worker");
    const deps = c.var.deps;
    const again = (status: 400 | 429, errors?: FormErrors, message?: string) => {
      c.status(status);
      return c.render(<PinPage errors={errors} message={message} />, { title: t.pinTitle });
    };
    const form = check(PinForm, await readForm(c));
    if (!form.ok) return again(400, form.errors);
    // The old PIN is guessable in a million tries, so wrong answers count like failed logins.
    const keys = loginKeys(user.phone, clientAddress(c));
    if ((await checkThrottle(deps, keys)).locked) return again(429, undefined, t.pinLocked);
    const me = await repo.profileOf(deps.database.db, user.id);
    if (!(await verifySecret(form.value.oldPin, me?.pinHash))) {
      await recordFailure(deps, keys);
      return again(400, { oldPin: t.oldPinWrong });
    }
    const weak = weakPinMessage(form.value.pin, me?.profile?.idNumber);
    if (weak) return again(400, { pin: weak });
    const pinHash = await hashSecret(form.value.pin);
    await deps.database.write((db) => repo.updatePin(db, user.id, pinHash));
    await clearPair(deps, keys);
    // Anyone else signed in with the old PIN is signed out; this browser gets a fresh session.
    await endAllSessions(deps, user.id);
    await startSession(c, user.id);
    return redirectWithFlash(c, paths.accounts.me, t.pinChanged);
  });

  // --- Work-seeking cards ---------------------------------------------------------

  app.get(paths.workers.cards, async (c) => {
    const user = requireRole(c, "worker");
    const deps = c.var.deps;
    const page = pageNumber(c.req.query("page"));
    const { total, rows } = await repo.myCards(deps.database.db, user.id, page, PER_PAGE);
    return c.render(
      <MyCardsPage
        cards={rows.map((r) => ({ ...r, place: placeName(deps, r.countyCode, r.townshipCode) }))}
        page={page}
        pages={Math.max(1, Math.ceil(total / PER_PAGE))}
      />,
      { title: t.cardsTitle },
    );
  });

  const newCardPage = async (c: Ctx, values: FormInput, errors?: FormErrors, status: 200 | 400 | 422 = 200) => {
    const deps = c.var.deps;
    c.status(status);
    return c.render(
      <NewCardPage kinds={await kindOptions(deps)} counties={deps.regions.countyOptions()} townships={townshipOptions(deps, values.countyCode)} values={values} errors={errors} />,
      { title: t.cardNewTitle },
    );
  };

  app.get(paths.workers.cardNew, async (c) => {
    const user = requireRole(c, "worker");
    // Start from the profile, so a worker with a filled profile only presses 发布.
    const me = await repo.profileOf(c.var.deps.database.db, user.id);
    const p = me?.profile;
    return newCardPage(c, {
      kindId: me?.kindIds.length === 1 ? String(me.kindIds[0]) : undefined,
      countyCode: p?.countyCode ?? undefined,
      townshipCode: p?.townshipCode ?? undefined,
      days: daysList(p?.days),
      wage: p?.expectedWageFen ? String(p.expectedWageFen / 100) : undefined,
      wageUnit: p?.expectedWageUnit ?? undefined,
    });
  });

  app.post(paths.workers.cardNew, async (c) => {
    const user = requireRole(c, "worker");
    const deps = c.var.deps;
    const input = await readForm(c, ["days"]);
    const kindIds = (await kindOptions(deps)).map(([id]) => id);
    const form = check(cardForm(kindIds), input);
    const errors: FormErrors = form.ok ? {} : byField(form.errors);
    if (form.ok) {
      const f = form.value;
      checkPlace(deps, f.countyCode, f.townshipCode, errors);
      const wage = wageProblem(f.wage, f.wageUnit);
      if (wage) errors[wage === "wageNeeded" ? "wage" : "wageUnit"] = t[wage];
    }
    if (!form.ok || Object.keys(errors).length) return newCardPage(c, input, errors, 400);
    const f = form.value;
    const now = deps.clock.now();
    const created = await deps.database.transaction(async (tx) => {
      if (!canOpenAnotherCard(await repo.openCardCount(tx, user.id))) return false;
      await repo.insertCard(
        tx,
        user.id,
        { kindId: f.kindId, countyCode: f.countyCode, townshipCode: f.townshipCode ?? null, days: daysString(f.days), wageFen: f.wage ?? null, wageUnit: f.wageUnit ?? null, note: f.note ?? "" },
        now,
      );
      return true;
    });
    if (!created) return newCardPage(c, input, { kindId: t.tooManyOpen(MAX_OPEN_CARDS) }, 422);
    return redirectWithFlash(c, paths.workers.cards, t.published);
  });

  const setStatus = (to: "open" | "closed") => async (c: Ctx) => {
    const user = requireRole(c, "worker");
    const deps = c.var.deps;
    const id = Number(c.req.param("id"));
    ensure(Number.isSafeInteger(id) && id > 0);
    const now = deps.clock.now();
    const outcome = await deps.database.transaction(async (tx) => {
      const card = await repo.findOwnCard(tx, user.id, id);
      if (!card) return "missing" as const;
      if (card.status === to) return "same" as const;
      if (to === "open" && !canOpenAnotherCard(await repo.openCardCount(tx, user.id))) return "tooMany" as const;
      await repo.setCardStatus(tx, user.id, id, to, now);
      return "done" as const;
    });
    if (outcome === "missing") throw new NotFound("card");
    if (outcome === "tooMany") return redirectWithFlash(c, paths.workers.cards, t.tooManyOpen(MAX_OPEN_CARDS));
    return redirectWithFlash(c, paths.workers.cards, to === "open" ? t.reopenedDone : t.closedDone);
  };

  app.post(paths.workers.cardClosePattern, setStatus("closed"));
  app.post(paths.workers.cardReopenPattern, setStatus("open"));

  // --- The public list (找工人) ---------------------------------------------------

  app.get(paths.workers.list, async (c) => {
    const deps = c.var.deps;
    const viewer = c.var.user;
    const q = readQuery(c);
    const kinds = await kindOptions(deps);
    // Filters that do not match a real choice are ignored rather than refused: this is a bookmarkable search.
    const kind = kinds.some(([id]) => id === q.kind) ? (q.kind as string) : undefined;
    const county = typeof q.county === "string" && deps.regions.countyNames.has(q.county) ? q.county : undefined;
    const township = typeof q.township === "string" && deps.regions.townshipNames.has(q.township) && (!county || deps.regions.townshipInCounty(q.township, county)) ? q.township : undefined;
    const page = pageNumber(q.page);
    const { total, rows } = await repo.browseCards(deps.database.db, { kindId: kind ? Number(kind) : undefined, countyCode: county, townshipCode: township }, page, PER_PAGE);
    const verifiedEmployer = viewer?.role === "employer" && isVerified(await employerForUser(deps.database.db, viewer.id));
    const full = seesFullPhone(viewer, verifiedEmployer);
    const thisYear = Number(chinaDate(deps.clock.now()).slice(0, 4));
    const filter = { kind, county, township };
    const href = (n: number) => {
      const params = new URLSearchParams(Object.entries({ ...filter, page: String(n) }).filter((e): e is [string, string] => !!e[1]));
      return `${paths.workers.list}?${params}`;
    };
    return c.render(
      <WorkersListPage
        cards={rows.map((r) => ({
          ...r,
          place: placeName(deps, r.countyCode, r.townshipCode),
          name: full ? r.name : maskName(r.name),
          fullPhone: full,
          age: ageIn(thisYear, r.birthYear),
          gender: r.gender ? t.genders[r.gender] : null,
        }))}
        total={total}
        kinds={kinds}
        counties={deps.regions.countyOptions()}
        townships={townshipOptions(deps, county)}
        filter={filter}
        page={page}
        pages={Math.max(1, Math.ceil(total / PER_PAGE))}
        href={href}
        showPhoneNote={!full && !isStaff(viewer)}
      />,
      { title: t.listTitle },
    );
  });

  return app;
}

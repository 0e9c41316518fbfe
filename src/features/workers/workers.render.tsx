/** @jsxImportSource hono/jsx */
// The workers' pages as the route groups render them, and the small readers
// they share: township choices, place names, the page number, field errors
// of checkbox groups, and the words for the actions' codes.
import type { Ctx, Deps } from "../../shared/context.ts";
import type { FormErrors, FormInput } from "../../shared/forms.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import type { Option } from "../../../views/components/forms.tsx";
import { WorkerRegisterPage } from "../../../views/workers/register.tsx";
import { ProfilePage } from "../../../views/workers/profile.tsx";
import { NewCardPage } from "../../../views/workers/cards.tsx";
import { PhoneOnlyPage, NewPinPage } from "../../../views/phone/pages.tsx";
import type { PlaceWageProblems } from "./workers.actions.ts";
import * as repo from "./workers.repo.ts";

const t = copy.workers;
const pt = copy.phone;

export const PER_PAGE = 20;

/** Errors of a checkbox group come keyed "kinds.0"; the field is "kinds". */
export const byField = (errors: FormErrors): FormErrors => {
  const out: FormErrors = {};
  for (const [k, m] of Object.entries(errors)) out[k.split(".")[0]] ??= m;
  return out;
};

/** The words for the place and wage problems, by field. */
export const problemErrors = (problems: PlaceWageProblems): FormErrors => Object.fromEntries(Object.entries(problems).map(([field, code]) => [field, t[code]]));

export const pageNumber = (raw: string | string[] | undefined) => {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
};

/** Township choices: the chosen county's, or every township labelled with its county. */
export function townshipOptions(deps: Deps, county: unknown): Option[] {
  const { regions } = deps;
  if (typeof county === "string" && regions.countyNames.has(county)) return [...regions.townshipOptions(county)];
  return regions.data.townships.map((tw) => [tw.code, `${regions.countyName(tw.countyCode)} ${tw.name}`] as const);
}

export const placeName = (deps: Deps, county: string, township: string | null) =>
  [deps.regions.countyName(county), deps.regions.townshipName(township)].filter(Boolean).join(" ");

export const kindOptions = async (deps: Deps): Promise<Option[]> => (await repo.listKinds(deps.database.db)).map((k) => [String(k.id), k.name] as const);

export function registerPage(c: Ctx, values?: FormInput, errors?: FormErrors, status: 200 | 400 | 409 | 429 = 200) {
  c.status(status);
  return c.render(<WorkerRegisterPage values={values} errors={errors} />, { title: t.registerTitle });
}

export function forgotPage(c: Ctx, values: FormInput = {}, errors?: FormErrors, status: 200 | 400 | 429 = 200) {
  c.status(status);
  return c.render(<PhoneOnlyPage title={pt.forgotTitle} intro={pt.forgotIntro} action={paths.workers.forgotPin} values={values} errors={errors} />, { title: pt.forgotTitle });
}

export function newPinPage(c: Ctx, token: string, errors?: FormErrors, status: 200 | 400 = 200) {
  c.status(status);
  c.header("cache-control", "no-store");
  return c.render(<NewPinPage token={token} errors={errors} />, { title: pt.newPinTitle });
}

export async function profilePage(c: Ctx, cardCode: string | null, values: FormInput, errors?: FormErrors, status: 200 | 400 = 200) {
  const deps = c.var.deps;
  c.status(status);
  return c.render(
    <ProfilePage cardCode={cardCode} kinds={await kindOptions(deps)} counties={deps.regions.countyOptions()} townships={townshipOptions(deps, values.countyCode)} values={values} errors={errors} />,
    { title: t.profileTitle },
  );
}

export async function newCardPage(c: Ctx, values: FormInput, errors?: FormErrors, status: 200 | 400 | 422 = 200) {
  const deps = c.var.deps;
  c.status(status);
  return c.render(
    <NewCardPage kinds={await kindOptions(deps)} counties={deps.regions.countyOptions()} townships={townshipOptions(deps, values.countyCode)} values={values} errors={errors} />,
    { title: t.cardNewTitle },
  );
}

/** @jsxImportSource hono/jsx */
// Employers: registration, the employer's home, correcting and resubmitting
// after a rejection; the staff verification queue (审核) is in
// employers.staff.routes.tsx, the use cases in employers.actions.ts.
import { Hono } from "hono";
import type { AppEnv, Ctx } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { hashSecret } from "../../shared/crypto.ts";
import { startSession } from "../../shared/session.ts";
import { requireRole } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { copy } from "../../../views/copy/index.ts";
import { RegisterPage, EditPage } from "../../../views/employers/forms.tsx";
import { EmployerHomePage } from "../../../views/employers/home.tsx";
import { checkRegistration, type Registration } from "./employers.schema.ts";
import { canEditOwnDetails } from "./employers.domain.ts";
import * as repo from "./employers.repo.ts";
import { startProof, definePurpose, outcome as phoneOutcome } from "../phone/index.ts";
import { registerProven, saveOwnDetails } from "./employers.actions.ts";
import { staffRoutes, scopeOf } from "./employers.staff.routes.tsx";

export { scopeOf };

const t = copy.employers;

const clashMessage = { phone: t.phoneTaken, uscc: t.usccTaken, idNumber: t.idNumberTaken } as const;

function registerPage(c: Ctx, values?: FormInput, errors?: FormErrors, status: 200 | 400 | 409 | 429 = 200) {
  c.status(status);
  return c.render(<RegisterPage counties={c.var.deps.regions.countyOptions()} values={values} errors={errors} />, { title: t.registerTitle });
}

function editPage(c: Ctx, values?: FormInput, errors?: FormErrors, status: 200 | 400 | 409 = 200) {
  c.status(status);
  return c.render(<EditPage counties={c.var.deps.regions.countyOptions()} values={values} errors={errors} />, { title: t.editTitle });
}

export function employersRoutes() {
  const app = new Hono<AppEnv>();

  // --- Registration -------------------------------------------------------

  app.get(paths.employers.register, (c) => {
    if (c.var.user) return c.redirect(c.var.user.role === "employer" ? paths.employers.home : paths.accounts.me, 303);
    return registerPage(c);
  });

  app.post(paths.employers.register, async (c) => {
    const deps = c.var.deps;
    if (c.var.user) return c.redirect(paths.accounts.me, 303);
    const input = await readForm(c);
    const kept = { ...input, password: undefined, password2: undefined };
    const form = checkRegistration(input, (code) => deps.regions.countyNames.has(code));
    if (!form.ok) return registerPage(c, kept, form.errors, 400);
    const { password, ...details } = form.value;
    // Nothing is looked up yet (number, USCC, ID number): the code step comes first for everyone.
    const passwordHash = await hashSecret(password);
    const r = await startProof(c, { purpose: "registerEmployer", phone: details.phone, payload: { details, passwordHash } });
    if (!r.ok) return registerPage(c, kept, { phone: r.message }, 429);
    return c.redirect(r.location, 303);
  });

  /**
   * After the code matched: the account and the employer record land together.
   * A number that already is an employer is signed in; a USCC or ID number
   * registered before is said only now, to the proven owner of the number.
   */
  definePurpose<{ details: Omit<Registration, "password">; passwordHash: string }>("registerEmployer", {
    title: t.registerTitle,
    back: () => paths.employers.register,
    complete: async (c, proven) => {
      const r = await registerProven(c.var.deps, { phone: proven.phone, ...proven.payload });
      if (r.ok) {
        await startSession(c, r.userId);
        return redirectWithFlash(c, paths.employers.home, r.existing ? copy.phone.alreadyEmployer : t.registered);
      }
      if (r.code === "otherRole") return phoneOutcome(c, copy.phone.otherRoleEmployer);
      const f = { ...proven.payload.details, phone: proven.phone };
      const kept = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v === null || v === undefined ? undefined : String(v)]));
      return registerPage(c, kept, { [r.field]: clashMessage[r.field] }, 409);
    },
  });

  // --- The employer's own pages --------------------------------------------

  app.get(paths.employers.home, async (c) => {
    const user = requireRole(c, "employer");
    const deps = c.var.deps;
    const e = await repo.employerForUser(deps.database.db, user.id);
    const links = (await Promise.all(c.var.deps.hooks.employerHomeLinks.map((f) => f(c)))).flat();
    return c.render(
      <EmployerHomePage employer={e && { ...e, county: deps.regions.countyName(e.countyCode) }} links={links} />,
      { title: t.homeTitle },
    );
  });

  app.get(paths.employers.edit, async (c) => {
    const user = requireRole(c, "employer");
    const e = await repo.employerForUser(c.var.deps.database.db, user.id);
    if (e && !canEditOwnDetails(e.status)) return redirectWithFlash(c, paths.employers.home, t.notEditable);
    const values: FormInput = e
      ? {
          kind: e.kind,
          name: e.name,
          uscc: e.uscc ?? undefined,
          idNumber: e.idNumber ?? undefined,
          contactName: e.contactName,
          countyCode: e.countyCode,
          address: e.address,
          pledge: e.pledgeAcceptedAt !== null ? "yes" : undefined,
        }
      : { countyCode: user.countyCode ?? undefined, contactName: user.name };
    return editPage(c, values);
  });

  app.post(paths.employers.edit, async (c) => {
    const user = requireRole(c, "employer");
    const input = await readForm(c);
    const r = await saveOwnDetails(c.var.deps, user, input);
    if (r.ok) return redirectWithFlash(c, paths.employers.home, r.code === "resubmitted" ? t.resubmitted : t.saved);
    if (r.code === "invalid") return editPage(c, input, r.errors, 400);
    if (r.code === "clash") return editPage(c, input, { [r.field]: clashMessage[r.field] }, 409);
    return redirectWithFlash(c, paths.employers.home, t.notEditable);
  });

  staffRoutes(app);
  return app;
}

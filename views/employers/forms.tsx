/** @jsxImportSource hono/jsx */
// The employer details form: registration (with the account fields) and the
// correction after a rejection (without them). One page for every kind, so it
// works without JavaScript; the hints say which identifier each kind fills in.
import { Form, Field, Select, Choices, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { employerKinds } from "../../db/schema/constants.ts";
import { copy } from "../copy/index.ts";
import { PrivacyLine } from "../components/bits.tsx";
import { paths } from "../../src/paths.ts";
import { identityFor } from "../../src/features/employers/employers.domain.ts";
import type { EmployerKind } from "../../db/schema/constants.ts";

const t = copy.employers;
const kindOptions = employerKinds.map((k) => [k, t.kinds[k]] as const);

function Pledge({ values, errors }: { values?: Values; errors?: Errors }) {
  return (
    <>
      <h2>{t.pledgeTitle}</h2>
      <p>{t.pledgeIntro}</p>
      <div class="notice">
        {t.pledgeText.split("\n").map((line) => (
          <p>{line}</p>
        ))}
      </div>
      <Choices name="pledge" label={t.pledge} options={[["yes", t.pledgeYes]]} multiple values={values} errors={errors} />
    </>
  );
}

/** Which identifier the chosen kind needs: marked 必填, the other 不用填; before a choice, each says for whom. */
function identityMarks(values?: Values): { uscc: string; idNumber: string } {
  const kind = values?.kind;
  if (typeof kind !== "string" || !(employerKinds as readonly string[]).includes(kind)) return { uscc: t.usccMark, idNumber: t.idNumberMark };
  const needs = identityFor(kind as EmployerKind);
  return { uscc: needs === "uscc" ? t.markRequired : t.markNotNeeded, idNumber: needs === "idNumber" ? t.markRequired : t.markNotNeeded };
}

function DetailFields({ counties, values, errors }: { counties: readonly Option[]; values?: Values; errors?: Errors }) {
  const marks = identityMarks(values);
  return (
    <>
      <Choices name="kind" label={t.kind} hint={t.kindHint} options={kindOptions} values={values} errors={errors} />
      <Field name="name" label={t.name} hint={t.nameHint} values={values} errors={errors} maxlength={60} />
      <Field name="uscc" label={t.uscc} hint={t.usccHint} values={values} errors={errors} maxlength={30} mark={marks.uscc} autocomplete="off" />
      <Field name="idNumber" label={t.idNumber} hint={t.idNumberHint} values={values} errors={errors} maxlength={30} mark={marks.idNumber} autocomplete="off" />
      <Field name="contactName" label={t.contactName} hint={t.contactNameHint} values={values} errors={errors} maxlength={30} optional />
      <Select name="countyCode" label={t.county} options={counties} blank={copy.common.choose} values={values} errors={errors} />
      <Field name="address" label={t.address} hint={t.addressHint} values={values} errors={errors} maxlength={100} optional />
    </>
  );
}

export function RegisterPage({ counties, values, errors }: { counties: readonly Option[]; values?: Values; errors?: Errors }) {
  return (
    <>
      <h1>{t.registerTitle}</h1>
      <p>{t.registerIntro}</p>
      <ErrorSummary errors={errors} />
      <Form action={paths.employers.register}>
        <DetailFields counties={counties} values={values} errors={errors} />
        <Field name="phone" label={t.phone} hint={t.phoneHint} type="tel" inputmode="tel" autocomplete="username" values={values} errors={errors} maxlength={20} />
        <Field name="password" label={t.password} hint={t.passwordHint} type="password" autocomplete="new-password" errors={errors} />
        <Field name="password2" label={t.passwordAgain} type="password" autocomplete="new-password" errors={errors} />
        <Pledge values={values} errors={errors} />
        <Submit>{t.registerButton}</Submit>
      </Form>
      <PrivacyLine />
      <p>
        {t.haveAccount} <a href={paths.accounts.login}>{t.login}</a>
      </p>
    </>
  );
}

export function EditPage({ counties, values, errors }: { counties: readonly Option[]; values?: Values; errors?: Errors }) {
  return (
    <>
      <h1>{t.editTitle}</h1>
      <p>{t.editIntro}</p>
      <ErrorSummary errors={errors} />
      <Form action={paths.employers.edit}>
        <DetailFields counties={counties} values={values} errors={errors} />
        <Pledge values={values} errors={errors} />
        <Submit />
      </Form>
      <p class="actions">
        <a href={paths.employers.home}>{t.backHome}</a>
      </p>
    </>
  );
}

/** @jsxImportSource hono/jsx */
// 登记新人: registering a walk-in worker on their behalf. Phone and name are
// enough; the rest is optional. "已有此人" instead of a second registration.
import { Form, Field, Select, Choices, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { at, deskHome, type DeskMarket } from "./bits.tsx";

const t = copy.desk;

export function RegisterPage(props: {
  m: DeskMarket;
  counties: readonly Option[];
  townships: readonly Option[];
  kinds: readonly Option[];
  values?: Values;
  errors?: Errors;
}) {
  const { m, values, errors } = props;
  return (
    <>
      <h1>{t.registerTitle}</h1>
      <p>{t.registerIntro}</p>
      <ErrorSummary errors={errors} />
      <Form action={at(m, paths.desk.register)}>
        <Field name="phone" label={t.phone} hint={t.phoneHint} type="tel" inputmode="tel" autocomplete="off" maxlength={20} values={values} errors={errors} />
        <Field name="name" label={t.name} autocomplete="off" maxlength={20} values={values} errors={errors} />
        <Choices
          name="ownPhone"
          label={t.ownPhone}
          options={[
            ["yes", t.ownPhoneYes],
            ["no", t.ownPhoneNo],
          ]}
          values={{ ownPhone: values?.ownPhone ?? "yes" }}
          errors={errors}
        />
        <Field name="idNumber" label={t.idNumber} hint={t.idNumberHint} optional autocomplete="off" maxlength={20} values={values} errors={errors} />
        <Field name="birthYear" label={t.birthYear} hint={t.birthYearHint} optional inputmode="numeric" maxlength={4} size="s" values={values} errors={errors} />
        <Select name="countyCode" label={t.county} options={props.counties} values={values} errors={errors} />
        <Select name="townshipCode" label={t.township} options={props.townships} blank={copy.common.choose} optional values={values} errors={errors} />
        <Choices name="kinds" label={t.kinds} options={props.kinds} multiple optional values={values} errors={errors} />
        <Submit>{t.registerButton}</Submit>
      </Form>
      <p>
        <a href={deskHome(m)}>{copy.common.back}</a>
      </p>
    </>
  );
}

/** The person is already registered: a link to their page (when in scope), never a second account. */
export function ExistingPage({ m, href }: { m: DeskMarket; href: string | null }) {
  return (
    <>
      <h1>{t.existing}</h1>
      <p class="notice warn" role="alert">
        {href ? t.existingBody : t.existingElsewhere}
      </p>
      {href && (
        <p>
          <a class="btn" href={href}>
            {t.existingOpen}
          </a>
        </p>
      )}
      <p>
        <a href={at(m, paths.desk.checkin)}>{t.actions.checkin}</a> · <a href={deskHome(m)}>{copy.common.back}</a>
      </p>
    </>
  );
}

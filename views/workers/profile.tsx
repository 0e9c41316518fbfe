/** @jsxImportSource hono/jsx */
// 我的资料 and 修改密码, for the worker.
import { Form, Field, Choices, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { genders } from "../../db/schema/constants.ts";
import { PlaceFields, DaysAndWage } from "./bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { Item } from "../components/lists.tsx";

const t = copy.workers;
const genderOptions = genders.map((g) => [g, t.genders[g]] as const);

export function ProfilePage(props: {
  cardCode: string | null;
  kinds: readonly Option[];
  counties: readonly Option[];
  townships: readonly Option[];
  values?: Values;
  errors?: Errors;
}) {
  const { values, errors } = props;
  return (
    <>
      <h1>{t.profileTitle}</h1>
      <p>{t.profileIntro}</p>
      {props.cardCode && (
        <dl class="facts">
          <Item label={t.cardCode} class="masked">{props.cardCode}</Item>
          <dd class="muted">{t.cardCodeHint}</dd>
        </dl>
      )}
      <ErrorSummary errors={errors} />
      <Form action={paths.workers.profile}>
        <Field name="name" label={t.name} values={values} errors={errors} maxlength={20} autocomplete="name" />
        <Field name="birthYear" label={t.birthYear} hint={t.birthYearHint} inputmode="numeric" optional values={values} errors={errors} maxlength={4} size="s" />
        <Choices name="gender" label={t.gender} options={genderOptions} optional values={values} errors={errors} />
        <PlaceFields countyLabel={t.county} counties={props.counties} townships={props.townships} countyOptional values={values} errors={errors} />
        <Choices name="kinds" label={t.kinds} hint={t.kindsHint} options={props.kinds} multiple optional values={values} errors={errors} />
        <DaysAndWage values={values} errors={errors} />
        <Submit>{copy.common.save}</Submit>
      </Form>
      <ul class="actions">
        <li><a href={paths.workers.cards}>{t.meCards}</a></li>
        <li><a href={paths.workers.pin}>{t.mePin}</a></li>
      </ul>
    </>
  );
}

export function PinPage({ errors, message }: { errors?: Errors; message?: string }) {
  return (
    <>
      <h1>{t.pinTitle}</h1>
      {message && <p class="notice warn" role="alert">{message}</p>}
      <ErrorSummary errors={errors} />
      <Form action={paths.workers.pin}>
        <Field name="oldPin" label={t.oldPin} type="password" inputmode="numeric" autocomplete="current-password" errors={errors} maxlength={6} size="s" />
        <Field name="pin" label={t.newPin} hint={t.pinHint} type="password" inputmode="numeric" autocomplete="new-password" errors={errors} maxlength={6} size="s" />
        <Field name="pin2" label={t.newPin2} type="password" inputmode="numeric" autocomplete="new-password" errors={errors} maxlength={6} size="s" />
        <Submit>{copy.common.save}</Submit>
      </Form>
    </>
  );
}

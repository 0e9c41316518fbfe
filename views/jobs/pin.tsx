/** @jsxImportSource hono/jsx */
// /me/jobs/pin: the first PIN for an account made by signing up without one.
import { Form, Field, ErrorSummary, Submit, type Errors } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

const t = copy.jobs;

export function FirstPinPage({ errors }: { errors?: Errors }) {
  return (
    <>
      <h1>{t.pinTitle}</h1>
      <p>{t.pinIntro}</p>
      <ErrorSummary errors={errors} />
      <Form action={paths.jobs.firstPin}>
        <Field name="pin" label={t.pin} hint={t.pinHint} type="password" inputmode="numeric" autocomplete="new-password" maxlength={6} errors={errors} />
        <Field name="pin2" label={t.pin2} type="password" inputmode="numeric" autocomplete="new-password" maxlength={6} errors={errors} />
        <Submit>{t.pinButton}</Submit>
      </Form>
    </>
  );
}

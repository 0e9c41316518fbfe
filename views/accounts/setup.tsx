/** @jsxImportSource hono/jsx */
import { Form, Field, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

const t = copy.accounts;

export function SetupPage({ token, values, errors }: { token: string; values?: Values; errors?: Errors }) {
  return (
    <>
      <h1>{t.setupTitle}</h1>
      <p>{t.setupIntro}</p>
      <ErrorSummary errors={errors} />
      <Form action={paths.accounts.setup}>
        <input type="hidden" name="token" value={token} />
        <Field name="name" label={t.name} values={values} errors={errors} autocomplete="name" maxlength={30} />
        <Field name="phone" label={t.phone} hint={t.phoneHint} type="tel" inputmode="tel" autocomplete="username" values={values} errors={errors} maxlength={20} />
        <Field name="password" label={t.password} hint={t.passwordHint} type="password" autocomplete="new-password" errors={errors} />
        <Field name="password2" label={t.passwordAgain} type="password" autocomplete="new-password" errors={errors} />
        <Submit />
      </Form>
    </>
  );
}

export function SetupInvalidPage({ closed }: { closed?: boolean }) {
  return (
    <>
      <h1>{t.setupTitle}</h1>
      <p class="notice">{closed ? t.setupClosed : t.setupInvalid}</p>
    </>
  );
}

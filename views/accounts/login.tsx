/** @jsxImportSource hono/jsx */
import { Form, Field, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

const t = copy.accounts;

/** Where a visitor who pressed 我要招工 (or another employer page) was going. */
const forEmployer = (next: unknown) => typeof next === "string" && /^\/(jobs\/(new|quick)|employer)(\/|\?|$)/.test(next);

export function LoginPage({ values, errors, message }: { values?: Values; errors?: Errors; message?: string }) {
  // 我要招工 signed out: say what comes first (an employer account, then review), not just "log in".
  const employer = forEmployer(values?.next);
  return (
    <>
      {employer ? (
        <>
          <h1>{t.employerStartTitle}</h1>
          <ol class="steps">
            <li>
              {t.employerStep1} <a href={paths.employers.register}>{t.registerEmployer}</a>
            </li>
            <li>{t.employerStep2}</li>
            <li>{t.employerStep3}</li>
          </ol>
          <h2>{t.employerHaveAccount}</h2>
        </>
      ) : (
        <h1>{t.loginTitle}</h1>
      )}
      {message && <p class="notice" role="alert">{message}</p>}
      <ErrorSummary errors={errors} />
      <Form action={paths.accounts.login}>
        {/* Only a real destination: without one, staff land on the desk and workers on their page. */}
        {values?.next && values.next !== "/" && <input type="hidden" name="next" value={values.next as string} />}
        <Field name="phone" label={t.phone} hint={t.phoneHint} type="tel" inputmode="tel" autocomplete="username" values={values} errors={errors} maxlength={20} />
        <Field name="secret" label={t.secret} hint={t.secretHint} type="password" autocomplete="current-password" values={values} errors={errors} />
        <Submit>{t.loginButton}</Submit>
      </Form>
      <ul class="actions">
        <li>
          <a href={paths.phone.login}>{copy.phone.loginLink}</a>
        </li>
        <li>
          <a href={paths.workers.forgotPin}>{copy.phone.forgotLink}</a>
        </li>
        <li>
          <a href={paths.phone.results}>{copy.phone.resultsLink}</a>
        </li>
      </ul>
      <p>
        {t.noAccount} <a href={paths.workers.register}>{t.registerWorker}</a> · <a href={paths.employers.register}>{t.registerEmployer}</a>
      </p>
    </>
  );
}

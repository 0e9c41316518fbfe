/** @jsxImportSource hono/jsx */
// 工人注册: one short page — phone, name, PIN twice.
import { Form, Field, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { PrivacyLine } from "../components/bits.tsx";
import { paths } from "../../src/paths.ts";

const t = copy.workers;

export function WorkerRegisterPage({ values, errors }: { values?: Values; errors?: Errors }) {
  return (
    <>
      <h1>{t.registerTitle}</h1>
      <p>{t.registerIntro}</p>
      <ErrorSummary errors={errors} />
      <Form action={paths.workers.register}>
        <Field name="phone" label={t.phone} hint={t.phoneHint} type="tel" inputmode="tel" autocomplete="username" values={values} errors={errors} maxlength={20} />
        <Field name="name" label={t.name} hint={t.nameHint} autocomplete="name" values={values} errors={errors} maxlength={20} />
        <Field name="pin" label={t.pin} hint={t.pinHint} type="password" inputmode="numeric" autocomplete="new-password" errors={errors} maxlength={6} size="s" />
        <Field name="pin2" label={t.pin2} type="password" inputmode="numeric" autocomplete="new-password" errors={errors} maxlength={6} size="s" />
        <Submit>{t.registerButton}</Submit>
      </Form>
      <PrivacyLine />
      <p>
        {t.haveAccount} <a href={paths.accounts.login}>{t.login}</a>
      </p>
    </>
  );
}

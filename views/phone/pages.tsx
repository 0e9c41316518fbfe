/** @jsxImportSource hono/jsx */
// The pages of proving a phone: the code page (with "没收到?" as a plain form),
// the phone-only forms (验证码登录, 忘记密码, 查报名结果), the new PIN after a
// reset, and what is told once the code matched.
import { Form, Field, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { LinkList } from "../components/lists.tsx";

const t = copy.phone;

export function CodePage(props: { token: string; masked: string; title?: string; waitSeconds: number; back: string; errors?: Errors; message?: string }) {
  return (
    <>
      <h1>{props.title ?? t.codeTitle}</h1>
      {props.message && <p class="notice" role="alert">{props.message}</p>}
      <ErrorSummary errors={props.errors} />
      <p>
        <strong>{t.sentTo(props.masked)}</strong>
      </p>
      <Form action={paths.phone.code(props.token)}>
        <Field name="code" label={t.code} hint={t.sentHint} inputmode="numeric" autocomplete="one-time-code" maxlength={12} size="s" errors={props.errors} />
        <Submit>{t.confirm}</Submit>
      </Form>
      <Form action={paths.phone.resend(props.token)}>
        <p>{props.waitSeconds > 0 ? t.resendHint(props.waitSeconds) : t.resendTitle}</p>
        <Submit secondary>{t.resendButton}</Submit>
      </Form>
      <p>
        <a href={props.back}>{t.changeNumber}</a>
      </p>
    </>
  );
}

export function GonePage() {
  return (
    <>
      <h1>{t.goneTitle}</h1>
      <p>{t.gone}</p>
      <p>
        <a href={paths.home}>{t.startAgain}</a>
      </p>
    </>
  );
}

/** A form that asks only for the phone number, then sends a code. */
export function PhoneOnlyPage(props: { title: string; intro: string; action: string; values?: Values; errors?: Errors; next?: string }) {
  return (
    <>
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <ErrorSummary errors={props.errors} />
      <Form action={props.action}>
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <Field name="phone" label={t.phone} hint={t.phoneHint} type="tel" inputmode="tel" autocomplete="tel" maxlength={20} values={props.values} errors={props.errors} />
        <Submit>{t.sendCode}</Submit>
      </Form>
      <p>
        <a href={paths.accounts.login}>{copy.accounts.loginTitle}</a>
      </p>
    </>
  );
}

export function NewPinPage({ token, errors }: { token: string; errors?: Errors }) {
  return (
    <>
      <h1>{t.newPinTitle}</h1>
      <ErrorSummary errors={errors} />
      <Form action={paths.phone.newPin(token)}>
        <Field name="pin" label={t.newPin} hint={t.newPinHint} type="password" inputmode="numeric" autocomplete="new-password" maxlength={6} errors={errors} />
        <Field name="pin2" label={t.newPin2} type="password" inputmode="numeric" autocomplete="new-password" maxlength={6} errors={errors} />
        <Submit>{t.savePin}</Submit>
      </Form>
    </>
  );
}

/** What is said after the code matched, when there is nothing to sign in to. */
export function OutcomePage({ message, links }: { message: string; links: [string, string][] }) {
  return (
    <>
      <h1>{t.outcomeTitle}</h1>
      <p class="notice" role="status">
        {message}
      </p>
      <LinkList links={links} />
    </>
  );
}

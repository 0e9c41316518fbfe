/** @jsxImportSource hono/jsx */
// One training session: its facts, and how to sign up (one tap when signed
// in, name and phone without an account), or one's own place and a way out.
import { Form, Field, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { PrivacyLine } from "../components/bits.tsx";
import { paths } from "../../src/paths.ts";
import type { SignupStatus } from "../../db/schema/index.ts";
import { SessionFacts, placesLine, type SessionView } from "./bits.tsx";

const t = copy.training;

export type Viewer = "anon" | "worker" | "staff" | "other";

export function TrainingShowPage(props: {
  s: SessionView;
  today: string;
  viewer: Viewer;
  mine: { id: number; status: SignupStatus; position: number | null } | null;
  values?: Values;
  errors?: Errors;
  message?: string;
}) {
  const { s, today, mine } = props;
  const active = mine && (mine.status === "confirmed" || mine.status === "waiting");
  const open = s.status === "open" && today <= s.signupDeadline;
  return (
    <>
      <h1>{s.title}</h1>
      {s.status === "cancelled" ? (
        <p class="notice warn">{t.cancelledNote(s.cancelReason ?? "")}</p>
      ) : (
        <p>
          <strong>{placesLine(s, today)}</strong>
        </p>
      )}
      {props.message && (
        <p class="notice warn" role="alert">
          {props.message}
        </p>
      )}
      {active && (
        <div class="notice">
          <p>{mine.status === "confirmed" ? t.youAreConfirmed : t.youAreWaiting(mine.position ?? 1)}</p>
          {s.status === "open" && today <= s.startDate && (
            <Form action={paths.training.cancelSignup(mine.id)}>
              <Submit secondary>{mine.status === "waiting" ? t.leaveWaiting : t.cancelMine}</Submit>
            </Form>
          )}
        </div>
      )}
      {!active && open && props.viewer === "worker" && (
        <Form action={paths.training.signup(s.id)}>
          <Submit>{t.signupOneTap}</Submit>
        </Form>
      )}
      {!active && open && props.viewer === "anon" && (
        <section aria-labelledby="signup">
          <h2 id="signup">{t.signupTitle}</h2>
          <p>{t.signupAnonIntro}</p>
          <ErrorSummary errors={props.errors} />
          <Form action={paths.training.signup(s.id)}>
            <Field name="name" label={t.name} values={props.values} errors={props.errors} maxlength={20} autocomplete="name" />
            <Field name="phone" label={t.phone} hint={t.phoneHint} type="tel" inputmode="tel" autocomplete="tel" values={props.values} errors={props.errors} maxlength={20} />
            <Submit>{t.signupOneTap}</Submit>
          </Form>
          <PrivacyLine />
          <p class="actions">
            <a href={`${paths.accounts.login}?next=${encodeURIComponent(paths.training.show(s.id))}`}>{t.loginInstead}</a>
          </p>
        </section>
      )}
      {props.viewer === "staff" && (
        <p class="actions">
          <a href={paths.training.staffShow(s.id)}>{t.staffLink}</a>
        </p>
      )}
      <SessionFacts s={s} full />
      <p class="actions">
        <a href={paths.training.list}>{copy.common.back}</a>
      </p>
    </>
  );
}

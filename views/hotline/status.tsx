/** @jsxImportSource hono/jsx */
// The public status page: a case number and the last four digits of the
// caller's phone, posted (never in the URL); the answer shows only the status
// and the replies staff chose to make public.
import { Form, Field, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { chinaDateTime } from "../../src/shared/clock.ts";
import type { CaseCategory, CaseEventKind, CaseStatus } from "../../db/schema/hotline.ts";
import { Item } from "../components/lists.tsx";

const t = copy.hotline;

export interface PublicCase {
  number: string;
  category: CaseCategory;
  status: CaseStatus;
  day: string;
  replies: { at: number; kind: CaseEventKind; note: string }[];
}

export function StatusPage({ values, errors, message, found }: { values?: Values; errors?: Errors; message?: string; found?: PublicCase }) {
  return (
    <>
      <h1>{t.statusTitle}</h1>
      {found ? <Found c={found} /> : <p>{t.statusIntro}</p>}
      {message && <p class="notice warn" role="alert">{message}</p>}
      <ErrorSummary errors={errors} />
      <Form action={paths.hotline.status} once={false}>
        <Field name="number" label={t.number} hint={t.numberHint} maxlength={40} autocomplete="off" values={found ? undefined : values} errors={errors} />
        <Field name="lastFour" label={t.lastFour} hint={t.lastFourHint} inputmode="numeric" size="s" maxlength={4} autocomplete="off" errors={errors} />
        <Submit>{t.lookup}</Submit>
      </Form>
      <ul class="actions">
        <li><a href={paths.hotline.statusSms}>{t.smsLink}</a></li>
        <li><a href={paths.hotline.home}>{t.homeTitle}</a></li>
      </ul>
    </>
  );
}

/** The second way: only the phone on the case; a code is texted to it (the same answer whether or not it has a case). */
export function StatusSmsPage({ values, errors }: { values?: Values; errors?: Errors }) {
  return (
    <>
      <h1>{t.smsTitle}</h1>
      <p>{t.smsIntro}</p>
      <ErrorSummary errors={errors} />
      <Form action={paths.hotline.statusSms}>
        <Field name="phone" label={t.smsPhone} hint={copy.phone.phoneHint} type="tel" inputmode="tel" autocomplete="tel" maxlength={20} values={values} errors={errors} />
        <Submit>{copy.phone.sendCode}</Submit>
      </Form>
      <p>{t.smsLandline}</p>
      <ul class="actions">
        <li><a href={paths.hotline.status}>{t.byNumberLink}</a></li>
        <li><a href={paths.hotline.home}>{t.homeTitle}</a></li>
      </ul>
    </>
  );
}

/** After the code matched: every case filed under the proven phone, newest first. */
export function MyCasesPage({ masked, cases, more }: { masked: string; cases: PublicCase[]; more: number }) {
  return (
    <>
      <h1>{t.mineTitle}</h1>
      {cases.length === 0 ? <p>{t.mineNone}</p> : <p>{t.mineIntro(masked)}</p>}
      {cases.map((c) => <Found c={c} />)}
      {more > 0 && <p>{t.mineMore(more)}</p>}
      <ul class="actions">
        <li><a href={paths.hotline.status}>{t.byNumberLink}</a></li>
        <li><a href={paths.hotline.home}>{t.homeTitle}</a></li>
      </ul>
    </>
  );
}

/** A proven step that is used up, expired or unknown. */
export function MyCasesGonePage() {
  return (
    <>
      <h1>{t.mineGoneTitle}</h1>
      <p>{t.mineGone}</p>
      <ul class="actions">
        <li><a href={paths.hotline.statusSms}>{t.checkAgain}</a></li>
        <li><a href={paths.hotline.home}>{t.homeTitle}</a></li>
      </ul>
    </>
  );
}

function Found({ c }: { c: PublicCase }) {
  return (
    <section aria-labelledby={`case-${c.number}`}>
      <h2 id={`case-${c.number}`}>{t.caseHeading(c.number)}</h2>
      <dl class="facts">
        <Item label={t.colCategory}>{t.categories[c.category]}</Item>
        <Item label={t.takenOn}>{c.day}</Item>
        <Item label={t.currentStatus}><strong>{t.statuses[c.status]}</strong></Item>
      </dl>
      <h3>{t.replies}</h3>
      {c.replies.length === 0 ? (
        <p>{t.noReplies}</p>
      ) : (
        <ol class="timeline">
          {c.replies.map((r) => (
            <li>
              <span class="muted">{chinaDateTime(r.at)}</span> {t.eventKinds[r.kind]}
              {r.note && <p>{r.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** @jsxImportSource hono/jsx */
// /jobs/:id: everything a worker needs to decide, the sign-up (one tap when
// signed in; name and phone otherwise), the owner's actions and the staff
// take-down form.
import { Form, Field, TextArea, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { Tel, PrivacyLine, formatYuan } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { PostingStatus, ApplicationStatus, EmploymentForm, WageUnit } from "../../db/schema/constants.ts";
import { payText, usePlace, StatusBadge } from "./parts.tsx";
import { PostingTrust } from "../records/parts.tsx";
import { Item } from "../components/lists.tsx";

const t = copy.jobs;

export interface PostingDetail {
  id: number;
  title: string;
  kindName: string;
  form: EmploymentForm;
  headcount: number;
  filledCount: number;
  payMode: string;
  wageFen: number | null;
  wageUnit: WageUnit | null;
  startDate: string;
  endDate: string;
  hours: string;
  countyCode: string;
  townshipCode: string | null;
  address: string;
  duties: string;
  requirements: string;
  contactName: string;
  contactPhone: string;
  quick: boolean;
  removedReason: string | null;
  brands: string[];
  viaMarketName: string | null;
}

export interface DetailProps {
  p: PostingDetail;
  status: PostingStatus;
  contactShown: boolean;
  warning?: string | null;
  /** A refusal or other message for the top of the page. */
  message?: string | null;
  /** The signed-in worker's own sign-up. */
  mine?: { status: ApplicationStatus; hireId: number | null; quoteFen?: number | null; quoteNote?: string | null } | null;
  /** Why nobody can sign up now (closed, full …); null while sign-ups are open. */
  closedNote?: string | null;
  /** The sign-up form to show, if any. */
  signUp?: { anon: boolean; quote: boolean } | null;
  values?: Values;
  errors?: Errors;
  owner?: { canEdit: boolean; canPublish: boolean; canClose: boolean; canRelist: boolean; waiting: number } | null;
  staff?: { canRemove: boolean; flags: string[] } | null;
  /** The employer's record and the going rate (records feature), shown below the key facts. */
  trust?: Parameters<typeof PostingTrust>[0] | null;
}

export function PostingPage(props: DetailProps) {
  const { p, status } = props;
  const place = usePlace();
  return (
    <>
      <h1>{p.title}</h1>
      {props.message && <p class="notice warn" role="alert">{props.message}</p>}
      {/* On a small screen the form is two screens down, below the facts: one tap there from the top. */}
      {props.signUp && !props.mine && !props.closedNote && (
        <p>
          <a class="btn signup-jump" href="#signup">{props.signUp.quote ? t.quoteJump : t.signUpJump}</a>
        </p>
      )}
      <p>
        <StatusBadge status={status} />
        {p.quick && <> <span class="badge">{t.quickBadge}</span></>}
        {props.staff?.flags.map((f) => <> <span class="badge warn">{f}</span></>)}
      </p>
      {status === "removed" && p.removedReason && <p class="notice warn">{t.removedNotice(p.removedReason)}</p>}
      {props.warning && <p class="notice warn">{props.warning}</p>}
      <dl class="facts">
        <Item label={t.pay}>
          <b>{payText(p)}</b>
        </Item>
        <Item label={t.kind}>
          {p.kindName} · {t.forms[p.form]}
        </Item>
        <Item label={t.workDates}>
          {t.dates(p.startDate, p.endDate)}
          {p.hours && <>,{p.hours}</>}
        </Item>
        <Item label={t.headcount}>{t.headcountLine(p.filledCount, p.headcount)}</Item>
        <Item label={t.place}>{place(p)}</Item>
        {p.duties && <Item label={t.duties}>{p.duties}</Item>}
        {p.requirements && <Item label={t.requirements}>{p.requirements}</Item>}
        <Item label={t.contact}>
          {p.contactName} <Tel phone={p.contactPhone} masked={!props.contactShown} />
          {!props.contactShown && <span class="muted"> {t.phoneHidden}</span>}
        </Item>
      </dl>
      {props.trust && <PostingTrust {...props.trust} />}
      {p.brands.length > 0 && (
        <ul class="tags">
          {p.brands.map((b) => (
            <li>
              <span class="badge">{b}</span>
            </li>
          ))}
        </ul>
      )}
      {p.viaMarketName && <p class="muted">{t.via(p.viaMarketName)}</p>}
      <p class="notice">{t.free}</p>
      <SignUpSection {...props} />
      {props.owner && <OwnerActions id={p.id} {...props.owner} />}
      {props.staff?.canRemove && <RemoveForm id={p.id} values={props.values} errors={props.errors} />}
    </>
  );
}

/** The worker's own quote, as she sent it: the price and what it covers. */
export function MyQuote({ quoteFen, quoteNote }: { quoteFen: number | null; quoteNote: string | null }) {
  if (quoteFen === null) return null;
  return (
    <dl class="facts">
      <Item label={t.myQuote}>
        <b>{t.yuan(formatYuan(quoteFen))}</b>
      </Item>
      {quoteNote && <Item label={t.myQuoteNote}>{quoteNote}</Item>}
    </dl>
  );
}

function SignUpSection({ p, mine, closedNote, signUp, values, errors }: DetailProps) {
  if (mine) {
    return (
      <section>
        <h2>{t.signUpTitle}</h2>
        <p class="notice">{t.yourStatus(t.applicationStatuses[mine.status])}</p>
        <MyQuote quoteFen={mine.quoteFen ?? null} quoteNote={mine.quoteNote ?? null} />
        <ul class="actions">
          {mine.hireId !== null && (
            <li>
              <a href={paths.hires.show(mine.hireId)}>{t.hireRecord}</a>
            </li>
          )}
          <li>
            <a href={paths.jobs.applications}>{t.myTitle}</a>
          </li>
        </ul>
      </section>
    );
  }
  if (closedNote) return <p class="notice warn">{closedNote}</p>;
  if (!signUp) return null;
  return (
    <section id="signup" tabindex={-1}>
      <h2>{t.signUpTitle}</h2>
      <ErrorSummary errors={errors} />
      {signUp.anon && <p>{t.anonIntro}</p>}
      <Form action={paths.jobs.apply(p.id)}>
        {signUp.anon && (
          <>
            <Field name="name" label={t.name} values={values} errors={errors} maxlength={20} autocomplete="name" />
            <Field name="phone" label={t.phone} type="tel" inputmode="tel" values={values} errors={errors} maxlength={20} autocomplete="tel" />
          </>
        )}
        {signUp.quote && (
          <>
            <Field name="quote" label={t.quote} hint={t.quoteHint} inputmode="decimal" size="s" values={values} errors={errors} maxlength={11} />
            <TextArea name="quoteNote" label={t.quoteNote} hint={t.quoteNoteHint} values={values} errors={errors} maxlength={200} rows={2} optional />
          </>
        )}
        <Submit>{signUp.quote ? t.quoteButton : t.signUpButton}</Submit>
      </Form>
      {signUp.anon && <PrivacyLine />}
      {signUp.anon && (
        <p>
          {t.haveAccount} <a href={`${paths.accounts.login}?next=${encodeURIComponent(paths.jobs.show(p.id))}`}>{t.loginFirst}</a>
        </p>
      )}
      {signUp.anon && (
        <p>
          {t.checkResults} <a href={paths.phone.results}>{t.checkResultsLink}</a>
        </p>
      )}
    </section>
  );
}

function OwnerActions(o: { id: number; canEdit: boolean; canPublish: boolean; canClose: boolean; canRelist: boolean; waiting: number }) {
  return (
    <section>
      <h2>{t.ownerActions}</h2>
      <p>
        <a class="btn" href={paths.jobs.applicants(o.id)}>{t.applicants(o.waiting)}</a>
      </p>
      <ul class="actions">
        {o.canEdit && (
          <li>
            <a href={paths.jobs.edit(o.id)}>{t.edit}</a>
          </li>
        )}
      </ul>
      {o.canPublish && (
        <Form action={paths.jobs.publish(o.id)}>
          <Submit>{t.publish}</Submit>
        </Form>
      )}
      {o.canClose && (
        <Form action={paths.jobs.close(o.id)}>
          <Submit secondary>{t.close}</Submit>
        </Form>
      )}
      {o.canRelist && (
        <Form action={paths.jobs.relist(o.id)}>
          <Submit secondary>{t.relist}</Submit>
        </Form>
      )}
    </section>
  );
}

function RemoveForm({ id, values, errors }: { id: number; values?: Values; errors?: Errors }) {
  return (
    <section>
      <h2>{t.removeTitle}</h2>
      {errors?.reason && <ErrorSummary errors={{ reason: errors.reason }} />}
      <Form action={paths.jobs.remove(id)}>
        <TextArea name="reason" label={t.removeReason} hint={t.removeReasonHint} values={values} errors={errors} maxlength={200} rows={2} />
        <Submit secondary>{t.removeButton}</Submit>
      </Form>
    </section>
  );
}

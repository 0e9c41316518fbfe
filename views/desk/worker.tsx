/** @jsxImportSource hono/jsx */
// One worker as the desk sees them: who they are (ID masked unless revealed),
// check-ins, login help (unlock, new PIN), priority categories with their
// consents, the contact log, and jobs to sign them up for.
import { maskResidentId } from "../../src/shared/validators.ts";
import { chinaDate, chinaDateTime } from "../../src/shared/clock.ts";
import { Form, Field, Select, Choices, TextArea, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { Tel, formatYuan } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { sensitiveCategories, contactOutcomes, type SensitiveCategory, type ContactOutcome } from "../../db/schema/desk.ts";
import type { PriorityCategory } from "../../src/features/desk/desk.domain.ts";
import type { PostingCard } from "../../src/features/desk/desk.repo.ts";
import { at, deskHome, type DeskMarket } from "./bits.tsx";
import { PostingLine } from "./priority.tsx";
import { Cards, Item } from "../components/lists.tsx";

const t = copy.desk;

export interface WorkerView {
  id: number;
  name: string;
  phone: string;
  ownPhone: boolean;
  cardCode: string | null;
  age: number | null;
  birthYear: number | null;
  place: string;
  kinds: string[];
  idNumber: string | null;
  viaMarket: string | null;
  createdAt: number;
  hasPin: boolean;
  lock: "none" | "temporary" | "staff";
}

export interface WorkerPageProps {
  m: DeskMarket;
  w: WorkerView;
  /** The full ID number, once, after a logged reveal. */
  revealed?: string;
  /** Market staff and admins may reveal the full ID number; station (驿站) staff may not. */
  canReveal?: boolean;
  checkIns: { day: string; at: number; marketName: string }[];
  categories: PriorityCategory[];
  /** Null when the viewer may not see the sensitive categories. */
  consents: { category: SensitiveCategory; consentedAt: number }[] | null;
  contacts: { at: number; outcome: ContactOutcome; note: string; postingId: number | null; postingTitle: string | null; staffName: string }[];
  suggestions: PostingCard[];
  /** The worker's hire records the viewer may open (the posting's county in scope). */
  hires?: { id: number; title: string; employerName: string; startDate: string; endDate: string }[];
  pending: { id: number; postingId: number; title: string; employerName: string; quoteFen: number | null; canConfirm: boolean }[];
  /** Which form the values and errors belong to. */
  form?: "pin" | "consent" | "contact" | "signup";
  values?: Values;
  errors?: Errors;
  message?: string;
}

export function WorkerPage(p: WorkerPageProps) {
  const { m, w } = p;
  const errorsFor = (f: WorkerPageProps["form"]) => (p.form === f ? p.errors : undefined);
  const valuesFor = (f: WorkerPageProps["form"]) => (p.form === f ? p.values : undefined);
  return (
    <>
      <h1>{t.workerTitle(w.name)}</h1>
      {p.message && (
        <p class="notice warn" role="alert">
          {p.message}
        </p>
      )}
      <ErrorSummary errors={p.errors} />
      <dl class="facts">
        <Item label={t.phone}>
          <Tel phone={w.phone} />
          {!w.ownPhone && <> ({t.ownPhoneNote})</>}
        </Item>
        <Item label={t.cardCode} class="masked">{w.cardCode ?? copy.common.none}</Item>
        {w.birthYear !== null && <Item label={t.birthYear}>
              {w.birthYear}({t.age(w.age ?? 0)})
  </Item>}
        {w.place && <Item label={t.county}>{w.place}</Item>}
        <Item label={t.kinds}>{w.kinds.length ? w.kinds.join("、") : t.noKinds}</Item>
        {w.idNumber && <Item label={t.idMasked}>
              <span class="masked">{p.revealed ?? maskResidentId(w.idNumber)}</span>
              {!p.revealed && p.canReveal !== false && (
                <Form action={at(m, paths.desk.reveal(w.id))} class="inline">
                  <Submit secondary>{t.reveal}</Submit> <span class="hint">{t.revealNote}</span>
                </Form>
              )}
  </Item>}
        {w.viaMarket && <Item label={t.market}>{w.viaMarket}</Item>}
        <Item label={t.registeredOn}>{chinaDate(w.createdAt)}</Item>
      </dl>
      <div class="big-actions">
        <Form action={at(m, paths.desk.checkin)}>
          <input type="hidden" name="workerId" value={String(w.id)} />
          <Submit>{t.checkinHere}</Submit>
        </Form>
        <a class="btn secondary" href={at(m, paths.desk.card(w.id))}>
          {t.printCard}
        </a>
        <Form action={at(m, paths.desk.record(w.id))}>
          <Submit secondary>{copy.records.deskLink}</Submit>
        </Form>
      </div>

      <h2>{t.recentCheckIns}</h2>
      {p.checkIns.length === 0 ? (
        <p>{t.noCheckIns}</p>
      ) : (
        <ul>
          {p.checkIns.map((ci) => (
            <li>
              {ci.day} {chinaDateTime(ci.at).slice(11)} {ci.marketName}
            </li>
          ))}
        </ul>
      )}

      <h2>{t.suggestions}</h2>
      <Cards rows={p.suggestions} empty={t.noSuggestions} card={(s) => (
        <>
          <PostingLine p={s} />
          <Form action={at(m, paths.desk.signUp(w.id))}>
            <input type="hidden" name="posting" value={String(s.id)} />
            <Submit secondary>{t.signUpFor(s.title)}</Submit>
          </Form>
        </>
      )} />

      <h3>{t.signUpTitle}</h3>
      <Form action={at(m, paths.desk.signUp(w.id))}>
        <p class="hint">{t.signUpIntro}</p>
        <Field name="posting" label={t.postingId} inputmode="numeric" maxlength={9} size="s" values={valuesFor("signup")} errors={errorsFor("signup")} />
        <Field name="quote" label={t.quote} optional inputmode="decimal" maxlength={10} size="s" values={valuesFor("signup")} errors={errorsFor("signup")} />
        <Field name="quoteNote" label={t.quoteNote} optional maxlength={100} values={valuesFor("signup")} errors={errorsFor("signup")} />
        <Submit>{t.signUpButton}</Submit>
      </Form>
      {p.pending.length > 0 && (
        <>
          <h3>{t.pendingTitle}</h3>
          <Cards rows={p.pending} card={(a) => (
            <>
              <p>
                <a href={paths.jobs.show(a.postingId)}>{`#${a.postingId} ${a.title}`}</a> · {a.employerName}
                {a.quoteFen !== null && <> · {t.quote} {formatYuan(a.quoteFen)}</>}
              </p>
              {a.canConfirm && (
                <Form action={at(m, paths.desk.confirm(a.id))}>
                  <Submit secondary>{t.confirmHere(a.title)}</Submit>
                </Form>
              )}
            </>
          )} />
        </>
      )}
      {p.hires && p.hires.length > 0 && (
        <>
          <h3>{t.hiresTitle}</h3>
          <ul class="actions">
            {p.hires.map((h) => (
              <li>
                <a href={paths.hires.show(h.id)}>{`${h.title} · ${h.employerName}`}</a> <span class="muted">{t.hireDates(h.startDate, h.endDate)}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t.categoriesLabel}</h2>
      {p.categories.length ? (
        <ul class="tags">
          {p.categories.map((c) => (
            <li class="badge warn">{t.categories[c]}</li>
          ))}
        </ul>
      ) : (
        <p>{copy.common.none}</p>
      )}
      {p.consents === null ? (
        <p class="muted">{t.sensitiveHidden}</p>
      ) : (
        <>
          {p.consents.length > 0 && (
            <>
              <ul>
                {p.consents.map((c) => (
                  <li>{t.consentRecorded(t.sensitive[c.category], chinaDate(c.consentedAt))}</li>
                ))}
              </ul>
              <Form action={at(m, paths.desk.consentRemove(w.id))}>
                <p class="hint">{t.consentRemoveNote}</p>
                <Submit secondary>{t.consentRemove}</Submit>
              </Form>
            </>
          )}
          <h3>{t.consentTitle}</h3>
          <p>{t.consentIntro}</p>
          {sensitiveCategories.map((c) => (
            <blockquote>{t.consentText[c]}</blockquote>
          ))}
          <Form action={at(m, paths.desk.consent(w.id))}>
            <Choices
              name="categories"
              label={t.consentPick}
              multiple
              options={sensitiveCategories.map((c) => [c, t.sensitive[c]] as const)}
              values={valuesFor("consent")}
              errors={errorsFor("consent")}
            />
            <Choices name="agree" label={t.consentAgree} multiple options={[["yes", copy.common.yes]]} values={valuesFor("consent")} errors={errorsFor("consent")} />
            <Submit>{t.consentButton}</Submit>
          </Form>
        </>
      )}

      <h2>{t.contactTitle}</h2>
      {p.contacts.length === 0 ? (
        <p>{t.noContacts}</p>
      ) : (
        <ul>
          {p.contacts.map((x) => (
            <li>
              {chinaDateTime(x.at)} {t.outcomes[x.outcome]}
              {x.postingId !== null && <> · <a href={paths.jobs.show(x.postingId)}>{`#${x.postingId} ${x.postingTitle ?? ""}`}</a></>}
              {x.note && <> · {x.note}</>} <span class="muted">{t.contactBy(x.staffName)}</span>
            </li>
          ))}
        </ul>
      )}
      <Form action={at(m, paths.desk.contact(w.id))}>
        <Select name="outcome" label={t.outcome} options={contactOutcomes.map((o) => [o, t.outcomes[o]] as const)} values={valuesFor("contact")} errors={errorsFor("contact")} />
        <Field name="postingId" label={t.contactPosting} hint={t.contactPostingHint} optional inputmode="numeric" maxlength={9} size="s" values={valuesFor("contact")} errors={errorsFor("contact")} />
        <TextArea name="note" label={t.contactNote} hint={t.contactNoteHint} optional rows={2} maxlength={200} values={valuesFor("contact")} errors={errorsFor("contact")} />
        <Submit>{t.contactButton}</Submit>
      </Form>

      <p>
        <a href={at(m, paths.desk.alerts(w.id))}>{copy.alerts.deskLink}</a>
      </p>

      <h2>{t.loginTitle}</h2>
      <p>{w.lock === "staff" ? t.lockedForever : w.lock === "temporary" ? t.locked : w.hasPin ? t.notLocked : t.noPin}</p>
      {w.lock !== "none" && (
        <Form action={at(m, paths.desk.unlock(w.id))}>
          <Submit>{t.unlock}</Submit>
        </Form>
      )}
      <Form action={at(m, paths.phone.deskVerify(w.id))}>
        <Submit secondary>{copy.phone.deskSend}</Submit>
      </Form>
      <h3>{t.pinTitle}</h3>
      <p>{t.pinIntro}</p>
      <Form action={at(m, paths.desk.pin(w.id))}>
        <Field name="pin" label={t.pin} type="password" inputmode="numeric" autocomplete="off" maxlength={6} size="s" errors={errorsFor("pin")} />
        <Field name="pin2" label={t.pinAgain} type="password" inputmode="numeric" autocomplete="off" maxlength={6} size="s" errors={errorsFor("pin")} />
        <Submit>{t.pinButton}</Submit>
      </Form>
      <p>
        <a href={deskHome(m)}>{copy.common.back}</a>
      </p>
    </>
  );
}

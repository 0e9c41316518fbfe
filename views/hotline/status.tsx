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
        <li><a href={paths.hotline.home}>{t.homeTitle}</a></li>
      </ul>
    </>
  );
}

function Found({ c }: { c: PublicCase }) {
  return (
    <section aria-labelledby="case-h">
      <h2 id="case-h">{t.caseHeading(c.number)}</h2>
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

/** @jsxImportSource hono/jsx */
// /employer/jobs/:id/applicants: who signed up, with masked phones until
// confirmed. Quote postings show the offers side by side, cheapest first.
import type { ApplicationStatus } from "../../db/schema/constants.ts";
import { chinaDateTime } from "../../src/shared/clock.ts";
import { Form, Submit } from "../components/forms.tsx";
import { Tel, formatYuan } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

const t = copy.jobs;

export interface Applicant {
  id: number;
  status: ApplicationStatus;
  name: string;
  phone: string;
  quoteFen: number | null;
  quoteNote: string | null;
  createdAt: number;
  hireId: number | null;
}

export function ApplicantsPage({ posting, rows, quote, canDecide, message }: { posting: { id: number; title: string }; rows: Applicant[]; quote: boolean; canDecide: boolean; message?: string | null }) {
  return (
    <>
      <h1>{t.applicantsTitle(posting.title)}</h1>
      {message && <p class="notice warn" role="alert">{message}</p>}
      <p>
        <a href={paths.jobs.show(posting.id)}>{t.backToPosting}</a>
      </p>
      {rows.length === 0 ? (
        <p class="notice">{t.noApplicants}</p>
      ) : (
        <>
          {quote && <p>{t.quotesSorted}</p>}
          {/* At 240 px the rows stack: each cell on its own line under its column's name (app.css: table.stack). */}
          <div class="scroll">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t.worker}</th>
                  {quote && <th scope="col">{t.price}</th>}
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.appliedAt}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td data-label={t.worker}>
                      {r.name}
                      <br />
                      <Tel phone={r.phone} masked={r.status !== "confirmed"} />
                    </td>
                    {quote && (
                      <td data-label={t.price}>
                        <b>{r.quoteFen === null ? "" : formatYuan(r.quoteFen)}</b>
                        {r.quoteNote && <p class="muted">{r.quoteNote}</p>}
                      </td>
                    )}
                    <td data-label={t.status}>
                      {t.applicationStatuses[r.status]}
                      {r.hireId !== null && (
                        <>
                          <br />
                          <a href={paths.hires.show(r.hireId)}>{t.hireRecord}</a>
                        </>
                      )}
                      {canDecide && r.status === "applied" && (
                        <>
                          <Form action={paths.jobs.confirm(r.id)}>
                            <Submit>{quote ? t.accept : t.confirm}</Submit>
                          </Form>
                          <Form action={paths.jobs.decline(r.id)}>
                            <Submit secondary>{t.decline}</Submit>
                          </Form>
                        </>
                      )}
                    </td>
                    <td data-label={t.appliedAt}>{chinaDateTime(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

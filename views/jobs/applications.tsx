/** @jsxImportSource hono/jsx */
// /me/jobs: a worker's sign-ups and where each stands; after the work, the
// question "工钱拿到了吗?" with two buttons.
import type { ApplicationStatus } from "../../db/schema/constants.ts";
import { Form, Submit } from "../components/forms.tsx";
import { PaidQuestion } from "../hires/paid.tsx";
import { MyQuote } from "./show.tsx";
import { Pager } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { Cards } from "../components/lists.tsx";

const t = copy.jobs;
const h = copy.hires;

export interface MyApplication {
  id: number;
  status: ApplicationStatus;
  postingId: number;
  title: string;
  dates: string;
  place: string;
  hireId: number | null;
  hireStatus: string | null;
  asksPaid: boolean;
  paid: "paid" | "not_paid" | null;
  /** The station that signed the worker up for them (代办), if one did. */
  viaMarketName: string | null;
  /** Her own quote and what it covers, when the employer asked for quotes. */
  quoteFen?: number | null;
  quoteNote?: string | null;
}

export function MyApplicationsPage({ rows, page, pages, needsPin }: { rows: MyApplication[]; page: number; pages: number; needsPin: boolean }) {
  return (
    <>
      <h1>{t.myTitle}</h1>
      {needsPin && (
        <p class="notice warn">
          {t.pinPrompt} <a href={paths.jobs.firstPin}>{t.setPin}</a>
        </p>
      )}
      {rows.length === 0 ? (
        <p class="notice">
          {t.noApplications} <a href={paths.jobs.list}>{t.findWork}</a>
        </p>
      ) : (
        <Cards rows={rows} card={(r) => (
          <>
            <h2>
              <a href={paths.jobs.show(r.postingId)}>{r.title}</a>
            </h2>
            <p class="muted">
              {r.dates} · {r.place}
              {r.viaMarketName && <> · {t.via(r.viaMarketName)}</>}
            </p>
            <p>
              <span class="badge">{t.applicationStatuses[r.status]}</span>
              {r.hireStatus && <> <span class="badge">{h.statuses[r.hireStatus as keyof typeof h.statuses]}</span></>}
              {r.paid && <> <span class={r.paid === "paid" ? "badge" : "badge warn"}>{h.paidAnswer[r.paid]}</span></>}
            </p>
            <MyQuote quoteFen={r.quoteFen ?? null} quoteNote={r.quoteNote ?? null} />
            {r.hireId !== null && (
              <p>
                <a href={paths.hires.show(r.hireId)}>{t.hireRecord}</a>
              </p>
            )}
            {r.asksPaid && r.hireId !== null && <PaidQuestion hireId={r.hireId} />}
            {r.status === "applied" && (
              <Form action={paths.jobs.withdraw(r.id)}>
                <Submit secondary>{t.withdraw}</Submit>
              </Form>
            )}
          </>
        )} />
      )}
      <Pager page={page} pages={pages} href={(n) => `${paths.jobs.applications}?page=${n}`} />
    </>
  );
}

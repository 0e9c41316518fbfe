/** @jsxImportSource hono/jsx */
// /employer/jobs: the employer's own postings, every status: open ones with
// people waiting first (they need her answer), then open, then drafts (each
// with a 发布 button), then the rest, newest first.
import type { PostingStatus } from "../../db/schema/constants.ts";
import { Pager } from "../components/bits.tsx";
import { Form, Submit } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { PostingCard, StatusBadge, type CardRow } from "./parts.tsx";

const t = copy.jobs;

export function MyPostingsPage({ rows, page, pages }: { rows: (CardRow & { status: PostingStatus; waiting: number; viaMarketName: string | null })[]; page: number; pages: number }) {
  return (
    <>
      <h1>{t.mineTitle}</h1>
      <p class="big-actions">
        <a class="btn" href={paths.jobs.new}>{t.newPosting}</a>
        <a class="btn secondary" href={paths.jobs.quick}>{t.quickPosting}</a>
      </p>
      {rows.length === 0 ? (
        <p class="notice">{t.noPostings}</p>
      ) : (
        <ul class="cards">
          {rows.map((r) => (
            <PostingCard
              row={r}
              extra={
                <>
                  <p>
                    <StatusBadge status={r.status} /> <a href={paths.jobs.applicants(r.id)}>{t.applicants(r.waiting)}</a>
                    {r.viaMarketName && <span class="muted"> {t.via(r.viaMarketName)}</span>}
                  </p>
                  {r.status === "draft" && (
                    <Form action={paths.jobs.publish(r.id)}>
                      <Submit>{t.publishNamed(r.title)}</Submit>
                    </Form>
                  )}
                </>
              }
            />
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} href={(n) => `${paths.jobs.mine}?page=${n}`} />
    </>
  );
}

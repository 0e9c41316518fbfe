/** @jsxImportSource hono/jsx */
// The result list of /jobs: served inside the page, or alone as the htmx
// fragment that replaces #rows when the filter form is sent with htmx.
import { Pager } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { PostingCard, type CardRow } from "./parts.tsx";

const t = copy.jobs;

export interface RowsProps {
  rows: CardRow[];
  total: number;
  /** More than `total` were found (the count stops at repo.COUNT_CAP). */
  capped?: boolean;
  hasNext?: boolean;
  page: number;
  pages: number | null;
  /** The query string of the filters without the page, e.g. "?county=411024". */
  pageHref: (n: number) => string;
  /** Staff see labels such as 有欠薪投诉 beside an employer's postings. */
  flags?: Map<number, string[]>;
}

export function JobRows({ rows, total, capped, hasNext, page, pages, pageHref, flags }: RowsProps) {
  return (
    <div id="rows">
      <h2>{capped ? t.foundMany(total) : t.found(total)}</h2>
      {capped && <p class="muted">{t.narrowDown}</p>}
      {rows.length === 0 ? (
        <p class="notice">{t.noneFound}</p>
      ) : (
        <ul class="cards">
          {rows.map((r) => (
            <PostingCard row={r} flags={r.employerId === undefined ? undefined : flags?.get(r.employerId)} />
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} hasNext={hasNext} href={pageHref} />
    </div>
  );
}

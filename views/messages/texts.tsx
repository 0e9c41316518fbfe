/** @jsxImportSource hono/jsx */
// 短信记录 (county and city admins): every text, newest first, with its
// status, attempts, failure reason and the provider's delivery receipt.
// Numbers masked; parameters are never shown (a code would be among them).
import { Pager } from "../components/bits.tsx";
import { chinaDateTime } from "../../src/shared/clock.ts";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { Cards } from "../components/lists.tsx";

const t = copy.smsPages;

export interface TextView {
  id: number;
  at: number;
  phone: string;
  purpose: string;
  status: string;
  attempts: number;
  error: string | null;
  sentAt: number | null;
  receipt: string | null;
  receiptError: string | null;
  receiptAt: number | null;
}

export const textsHref = (filter: string, page = 1) => {
  const q = new URLSearchParams();
  if (filter !== "all") q.set("show", filter);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `${paths.messages.texts}?${s}` : paths.messages.texts;
};

export function TextsPage({ rows, filter, page, pages, provider }: { rows: TextView[]; filter: string; page: number; pages: number; provider: string }) {
  return (
    <>
      <h1>{t.textsTitle}</h1>
      <p>{t.textsIntro(t.providerNames[provider] ?? provider)}</p>
      <nav aria-label={t.filterLabel}>
        <p>
          {Object.entries(t.filters).map(([k, label]) =>
            k === filter ? (
              <strong aria-current="page">{label} </strong>
            ) : (
              <>
                <a href={textsHref(k)}>{label}</a>{" "}
              </>
            ),
          )}
        </p>
      </nav>
      <Cards rows={rows} empty={t.none} card={(r) => (
        <>
          <p class="muted">
            {chinaDateTime(r.at)} · {r.phone}
          </p>
          <p>
            {r.purpose} · <strong>{t.statuses[r.status] ?? r.status}</strong> · {t.attempts(r.attempts)}
          </p>
          {r.error && <p>{t.reasonLine(r.error)}</p>}
          <p>{t.receiptLine(r.receipt ? t.receipts[r.receipt] ?? r.receipt : null, r.receiptError, r.receiptAt ? chinaDateTime(r.receiptAt) : "")}</p>
        </>
      )} />
      <Pager page={page} pages={pages} href={(n) => textsHref(filter, n)} />
    </>
  );
}

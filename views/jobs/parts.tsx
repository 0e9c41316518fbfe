/** @jsxImportSource hono/jsx */
// Pieces the job pages share: how pay, place and dates read, and one posting
// as a card in a list.
import type { Child } from "hono/jsx";
import { useRequestContext } from "hono/jsx-renderer";
import type { AppEnv } from "../../src/shared/context.ts";
import type { PostingStatus, WageUnit } from "../../db/schema/constants.ts";
import { formatYuan } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

const t = copy.jobs;

export function payText(p: { payMode: string; wageFen: number | null; wageUnit: WageUnit | null }): string {
  if (p.payMode === "quote" || p.wageFen === null || p.wageUnit === null) return t.quotePay;
  return `${formatYuan(p.wageFen)} ${t.units[p.wageUnit]}`;
}

/** "鄢陵县 马栏镇 某某村": county, township, address, whichever are known. */
export function usePlace() {
  const regions = useRequestContext<AppEnv>().var.deps.regions;
  return (p: { countyCode: string; townshipCode: string | null; address?: string }) =>
    [regions.countyName(p.countyCode), regions.townshipName(p.townshipCode), p.address ?? ""].filter(Boolean).join(" ");
}

export function StatusBadge({ status }: { status: PostingStatus }) {
  return <span class={status === "open" ? "badge" : "badge warn"}>{t.statuses[status]}</span>;
}

export interface CardRow {
  id: number;
  title: string;
  kindName: string;
  payMode: string;
  wageFen: number | null;
  wageUnit: WageUnit | null;
  startDate: string;
  endDate: string;
  headcount: number;
  filledCount: number;
  countyCode: string;
  townshipCode: string | null;
  quick: boolean;
  employerId?: number;
}

/** One posting in a list: title as the link, then pay, kind, place and dates. */
export function PostingCard({ row, flags, extra }: { row: CardRow; flags?: string[]; extra?: Child }) {
  const place = usePlace();
  return (
    <li class="card">
      <h3>
        <a href={paths.jobs.show(row.id)}>{row.title}</a>
      </h3>
      <p>
        <b>{payText(row)}</b> · {row.kindName} · {place(row)}
      </p>
      <p class="muted">
        {t.dates(row.startDate, row.endDate)} · {t.headcountLine(row.filledCount, row.headcount)}
        {row.quick && <> <span class="badge">{t.quickBadge}</span></>}
        {row.payMode === "quote" && <> <span class="badge">{t.quoteBadge}</span></>}
        {flags?.map((f) => <> <span class="badge warn">{f}</span></>)}
      </p>
      {extra}
    </li>
  );
}

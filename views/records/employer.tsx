/** @jsxImportSource hono/jsx */
// /employers/:id: an employer's public card (her record, her open postings),
// and /employer/record: the employer's own record and the hires it counts.
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { EmployerKind, HireStatus } from "../../db/schema/constants.ts";
import type { EmployerRecord } from "../../src/features/records/records.domain.ts";
import { EmployerRecordBox, HowCounted, recordSentence } from "./parts.tsx";
import { Cards, Item } from "../components/lists.tsx";

const t = copy.records;

export function EmployerCardPage(p: { name: string; kind: EmployerKind; county: string; r: EmployerRecord; jobs: { id: number; title: string }[] }) {
  return (
    <>
      <h1>{p.name}</h1>
      <dl class="facts">
        <Item label={t.kind}>{t.kinds[p.kind]}</Item>
        <Item label={t.county}>{p.county}</Item>
      </dl>
      <EmployerRecordBox r={p.r} />
      <HowCounted />
      <h2>{t.openJobs}</h2>
      {p.jobs.length === 0 ? (
        <p>{t.noOpenJobs}</p>
      ) : (
        <ul class="actions">
          {p.jobs.map((j) => (
            <li>
              <a href={paths.jobs.show(j.id)}>{j.title}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export interface CountedHire {
  id: number;
  title: string;
  startDate: string;
  endDate: string;
  status: HireStatus;
  paid: "paid" | "not_paid" | null;
}

export function EmployerOwnRecordPage({ r, rows, cardHref }: { r: EmployerRecord; rows: CountedHire[]; cardHref: string }) {
  return (
    <>
      <h1>{t.mineTitle}</h1>
      <p>{t.mineIntro}</p>
      <p class={r.wageCasesOpen > 0 || r.notPaid > 0 ? "notice warn" : "notice"}>
        {recordSentence(r)}
        {r.verifiedMonths !== null && <>。{t.verified(r.verifiedMonths)}</>}
      </p>
      <p>
        <a href={cardHref}>{t.cardTitle}</a>
      </p>
      <HowCounted />
      <h2>{t.mineCounted(rows.length)}</h2>
      <Cards rows={rows} empty={t.mineNone} card={(h) => (
        <>
          <p>
            <a href={paths.hires.show(h.id)}>{h.title}</a>
          </p>
          <p>
            {h.startDate === h.endDate ? h.endDate : `${h.startDate} 至 ${h.endDate}`} · {t.answer[h.paid ?? "none"]}
          </p>
        </>
      )} />
    </>
  );
}

/** @jsxImportSource hono/jsx */
// Pieces the record pages share with the job pages: an employer's record in
// plain words, the going-rate line, and how the figures are counted.
import { formatYuan } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import type { EmployerRecord, GoingRate } from "../../src/features/records/records.domain.ts";

const t = copy.records;

/** The sentence a worker reads: "近一年用工 23 次,22 次工人确认拿到了工钱;欠薪投诉 0 起未结". */
export const recordSentence = (r: EmployerRecord) => (r.isNew ? t.newEmployer : t.summary(r));

/** The record under a posting's key facts (with a link to the employer's card), or on the card itself. */
export function EmployerRecordBox({ r, href }: { r: EmployerRecord; href?: string }) {
  return (
    <section class="record" aria-labelledby="record-h">
      <h2 id="record-h">{t.recordTitle}</h2>
      <p class={r.wageCasesOpen > 0 || r.notPaid > 0 ? "notice warn" : "notice"}>
        {recordSentence(r)}
        {r.verifiedMonths !== null && <>。{t.verified(r.verifiedMonths)}</>}
      </p>
      {href && (
        <p>
          <a href={href}>{t.cardLink}</a>
        </p>
      )}
    </section>
  );
}

/** "这些数字怎么算": the definitions, folded (works without JS). */
export function HowCounted() {
  return (
    <details>
      <summary>{t.howCounted}</summary>
      <ul>
        {t.definitions.map((d) => (
          <li>{d}</li>
        ))}
      </ul>
    </details>
  );
}

/** "鄢陵县 家政保洁 近 90 天成交:中位数 30 元/小时,多数在 28–35 元". */
export const rateText = (r: GoingRate, place: string, kind: string) => `${t.goingRate(place, kind, r)}${t.goingRateCount(r.n)}`;

/** The warning on a posting whose wage is well under the going rate. */
export const wellBelowText = (r: GoingRate) => t.wellBelow(formatYuan(r.median), r.unit);

/** Under a posting's key facts: the employer's record, and the going rate where it matters. */
export function PostingTrust(p: { record: EmployerRecord; cardHref: string; rateLine?: string | null; rateWarn?: string | null }) {
  return (
    <>
      {p.rateWarn && <p class="notice warn">{p.rateWarn}</p>}
      {p.rateLine && <p class="muted">{p.rateLine}</p>}
      <EmployerRecordBox r={p.record} href={p.cardHref} />
    </>
  );
}

export interface RateLines {
  /** One line for the kind of work in the form, or every kind of the county. */
  lines: string[];
  intro: string;
}

/** On the posting forms: what hires of this kind (or every kind) were agreed at lately. */
export function GoingRates({ lines, intro }: RateLines) {
  if (lines.length === 1) return <p class="notice">{lines[0]}</p>;
  return (
    <details>
      <summary>{t.goingRateTitle}</summary>
      <p>{intro}</p>
      <ul>
        {lines.map((l) => (
          <li>{l}</li>
        ))}
      </ul>
    </details>
  );
}

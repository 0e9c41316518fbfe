/** @jsxImportSource hono/jsx */
// /monitoring/going-rates: the median wage per kind of work, month by month.
import { formatYuan, ScrollRegion } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { TrendRow } from "../../src/features/records/records.trend.ts";

const t = copy.records;

export function RateTrendPage({ scope, months, rows }: { scope: string; months: string[]; rows: TrendRow[] }) {
  return (
    <>
      <h1>{t.trendTitle}</h1>
      <p>
        {scope}。{t.trendIntro}
      </p>
      {rows.length === 0 ? (
        <p class="notice">{t.trendNone}</p>
      ) : (
        <ScrollRegion label={t.trendTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.trendKind}</th>
                <th scope="col">{t.trendUnit}</th>
                {months.map((m) => (
                  <th scope="col">{m}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">{r.kind}</th>
                  <td>{t.units[r.unit]}</td>
                  {r.medians.map((m) => (
                    <td>{m === null ? t.trendFew : formatYuan(m)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p>
        <a href={paths.monitoring.home}>{copy.monitoring.title}</a>
      </p>
    </>
  );
}

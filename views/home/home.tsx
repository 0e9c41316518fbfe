/** @jsxImportSource hono/jsx */
// The home page: today's quick jobs (即时快招) first, because someone standing
// at the market at 7 a.m. wants work today; then the newest jobs; then the
// ways in by county.
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { PostingCard, type CardRow } from "../jobs/parts.tsx";

const t = copy.home;

export function HomePage({ counties, quick, newest }: { counties: readonly (readonly [string, string])[]; quick: CardRow[]; newest: CardRow[] }) {
  return (
    <>
      <h1>{t.lead}</h1>
      <p class="big-actions">
        <a class="btn" href={paths.jobs.list}>{t.findWork}</a>
        <a class="btn" href={paths.jobs.new}>{t.hire}</a>
      </p>
      <h2>{t.todayJobs}</h2>
      {quick.length === 0 ? (
        <p class="muted">{t.noTodayJobs}</p>
      ) : (
        <ul class="cards">
          {quick.map((r) => (
            <PostingCard row={r} />
          ))}
        </ul>
      )}
      <p>
        <a href={paths.jobs.quick}>{t.quickHire}</a>
      </p>
      {newest.length > 0 && (
        <>
          <h2>{t.newestJobs}</h2>
          <ul class="cards">
            {newest.map((r) => (
              <PostingCard row={r} />
            ))}
          </ul>
          <p>
            <a href={paths.jobs.list}>{t.moreJobs}</a>
          </p>
        </>
      )}
      <h2>{t.byCounty}</h2>
      <ul class="tags">
        {counties.map(([code, name]) => (
          <li>
            <a href={`${paths.jobs.list}?county=${code}`}>{name}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** @jsxImportSource hono/jsx */
// The home page: today's quick jobs (即时快招) first, because someone standing
// at the market at 7 a.m. wants work today; then the newest jobs; then the
// ways in by county.
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { PostingCard, type CardRow } from "../jobs/parts.tsx";
import { useRequestContext } from "hono/jsx-renderer";
import type { AppEnv } from "../../src/shared/context.ts";
import { hireItem, mayPostJobs } from "../components/hire-link.ts";

const t = copy.home;

export function HomePage({ counties, quick, newest }: { counties: readonly (readonly [string, string])[]; quick: CardRow[]; newest: CardRow[] }) {
  // 我要招工 and 即时快招 lead where this person can post (a worker's account cannot).
  const user = useRequestContext<AppEnv>().var.user;
  const [hireHref, hireLabel] = hireItem(user);
  return (
    <>
      <h1>{t.lead}</h1>
      <p class="big-actions">
        <a class="btn" href={paths.jobs.list}>{t.findWork}</a>
        {user?.role !== "worker" && (
          <a class="btn" href={hireHref}>
            {mayPostJobs(user) ? t.hire : hireLabel}
          </a>
        )}
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
      {mayPostJobs(user) && (
        <p>
          <a href={paths.jobs.quick}>{t.quickHire}</a>
        </p>
      )}
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

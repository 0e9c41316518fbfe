/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

const t = copy.home;

export function HomePage({ counties, children }: { counties: readonly (readonly [string, string])[]; children?: Child }) {
  return (
    <>
      <h1>{t.lead}</h1>
      <p class="big-actions">
        <a class="btn" href={paths.jobs.list}>{t.findWork}</a>
        <a class="btn" href={paths.jobs.new}>{t.hire}</a>
      </p>
      {children}
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

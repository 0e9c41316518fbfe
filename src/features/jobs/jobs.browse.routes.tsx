/** @jsxImportSource hono/jsx */
// Home and browsing: public pages, cached for visitors without a session.
import type { Hono } from "hono";
import { RequestContext } from "hono/jsx-renderer";
import type { AppEnv, Ctx } from "../../shared/context.ts";
import { sharedForSignedIn } from "../../shared/signed-in-cache.ts";
import { paths } from "../../paths.ts";
import { readQuery } from "../../shared/forms.ts";
import { isStaff } from "../../shared/authz.ts";
import { flagsFor } from "../../shared/hooks.ts";
import { maskPersonalNumbers } from "../../shared/mask-text.ts";
import { pageParam, pagesFor } from "../../shared/params.ts";
import { employmentForms } from "../../../db/schema/constants.ts";
import { copy } from "../../../views/copy/index.ts";
import { HomePage } from "../../../views/home/home.tsx";
import { JobListPage } from "../../../views/jobs/list.tsx";
import { JobRows } from "../../../views/jobs/_rows.tsx";
import { filterQuery } from "./jobs.schema.ts";
import { references, todayOf, filtersOf } from "./jobs.refs.ts";
import { PER_PAGE } from "./jobs.pages.tsx";
import * as repo from "./jobs.repo.ts";

const t = copy.jobs;

export function browseRoutes(app: Hono<AppEnv>) {
  app.get(paths.home, async (c) => {
    const deps = c.get("deps");
    const lists = await repo.homeLists(deps.database.db, todayOf(deps), 5);
    const quick = lists.quick.map((r) => ({ ...r, title: maskPersonalNumbers(r.title) }));
    const newest = lists.newest.map((r) => ({ ...r, title: maskPersonalNumbers(r.title) }));
    return c.render(<HomePage counties={deps.regions.countyOptions()} quick={quick} newest={newest} />, { title: copy.home.title });
  });

  // Signed-in workers and employers share one copy per role and URL (src/shared/signed-in-cache.ts); staff get flags.
  app.get(paths.jobs.list, (c) => sharedForSignedIn(c, "", () => jobList(c)));

  async function jobList(c: Ctx) {
    const deps = c.get("deps");
    const query = readQuery(c);
    const filters = filtersOf(deps, query);
    const page = pageParam(c);
    const browsed = await repo.browse(deps.database.db, filters, todayOf(deps), page, PER_PAGE);
    const { total, capped, hasNext } = browsed;
    // A public list: numbers typed into titles are masked.
    const rows = browsed.rows.map((r) => ({ ...r, title: maskPersonalNumbers(r.title) }));
    const flags = isStaff(c.get("user")) ? await flagsFor(deps, [...new Set(rows.map((r) => r.employerId))]) : undefined;
    const rowsProps = { rows, total, capped, hasNext, page, pages: capped ? null : pagesFor(total, PER_PAGE), pageHref: (n: number) => `${paths.jobs.list}${filterQuery(filters, n)}`, flags };
    c.header("vary", "HX-Request");
    // The fragment is rendered outside the page shell, so it gets the request context itself.
    if (c.req.header("hx-request")) return c.html(<RequestContext.Provider value={c}><JobRows {...rowsProps} /></RequestContext.Provider>);
    const refs = await references(deps);
    const options = {
      kinds: refs.kinds.map((k) => [String(k.id), k.name] as const),
      counties: deps.regions.countyOptions(),
      townships: filters.county ? deps.regions.townshipOptions(filters.county) : [],
      forms: employmentForms.map((f) => [f, t.forms[f]] as const),
      brands: refs.brands.map((b) => [String(b.id), b.name] as const),
    };
    const values = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)]));
    return c.render(<JobListPage values={values} options={options} rows={rowsProps} />, { title: t.listTitle });
  }
}

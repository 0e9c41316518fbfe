// The read-only JSON API under /api/v1: open postings with the same filters as
// /jobs, and one posting. No personal data: no contact name or phone, no
// employer name (a private employer's name is a person's name), no workers.
import { Hono } from "hono";
import type { AppEnv, Deps } from "../../shared/context.ts";
import { readQuery } from "../../shared/forms.ts";
import { chinaDate } from "../../shared/clock.ts";
import { NotFound } from "../../shared/errors.ts";
import { paths } from "../../paths.ts";
import { parseFilters, parsePage } from "./jobs.schema.ts";
import { effectiveStatus, isPublic } from "./jobs.domain.ts";
import * as repo from "./jobs.repo.ts";
import { employerRecordOf, goingRateOf, GOING_RATE_DAYS } from "../records/index.ts";

export const API_MAX_PER_PAGE = 50;

function perPageOf(x: unknown): number {
  const n = typeof x === "string" && /^\d{1,4}$/.test(x) ? Number(x) : 20;
  return Math.min(API_MAX_PER_PAGE, Math.max(1, n));
}

function listItem(deps: Deps, r: repo.PostingRow) {
  return {
    id: r.id,
    title: r.title,
    kind: r.kindName,
    form: r.form,
    headcount: r.headcount,
    filled: r.filledCount,
    payMode: r.payMode,
    wageFen: r.wageFen,
    wageUnit: r.wageUnit,
    startDate: r.startDate,
    endDate: r.endDate,
    county: { code: r.countyCode, name: deps.regions.countyName(r.countyCode) },
    township: r.townshipCode ? { code: r.townshipCode, name: deps.regions.townshipName(r.townshipCode) } : null,
    quick: r.quick,
    url: paths.jobs.show(r.id),
  };
}

/**
 * The employer's 12-month record (figures only: no worker, no employer name)
 * and the going rate for the posting's kind of work, county and wage unit
 * (null below GOING_RATE_MIN_HIRES hires, or for a quote).
 */
async function recordFields(deps: Deps, p: { employerId: number; kindId: number; countyCode: string; payMode: string; wageUnit: string | null }) {
  const [r, rate] = await Promise.all([
    employerRecordOf(deps, p.employerId),
    p.payMode === "wage" ? goingRateOf(deps, p.kindId, p.countyCode, p.wageUnit) : null,
  ]);
  return {
    employerRecord: r && {
      from: r.from,
      to: r.to,
      hiresCompleted: r.hires,
      workersPaid: r.paid,
      workersNotPaid: r.notPaid,
      workersNoAnswer: r.unanswered,
      wageCasesOpened: r.wageCasesOpened,
      wageCasesOpen: r.wageCasesOpen,
      verifiedSince: r.verifiedOn,
      isNew: r.isNew,
    },
    goingRate: rate && {
      days: GOING_RATE_DAYS,
      scope: rate.scope,
      county: rate.scope === "county" ? { code: rate.countyCode, name: deps.regions.countyName(rate.countyCode) } : null,
      unit: rate.unit,
      hires: rate.n,
      medianFen: rate.median,
      p25Fen: rate.p25,
      p75Fen: rate.p75,
    },
  };
}

export function jobsApi() {
  const api = new Hono<AppEnv>();

  api.get(paths.jobs.api, async (c) => {
    const deps = c.var.deps;
    const q = readQuery(c);
    const filters = parseFilters(q, {
      county: (code) => deps.regions.countyNames.has(code),
      township: (tw, county) => (county ? deps.regions.townshipInCounty(tw, county) : deps.regions.townshipNames.has(tw)),
    });
    const page = parsePage(q.page);
    const perPage = perPageOf(q.per_page);
    const { rows, total, capped, hasNext } = await repo.browse(deps.database.db, filters, chinaDate(deps.clock.now()), page, perPage);
    // total stops at repo.COUNT_CAP: totalIsLowerBound says there are more; hasNext whether to ask for the next page.
    return c.json({ total, totalIsLowerBound: capped, hasNext, page, perPage, items: rows.map((r) => listItem(deps, r)) });
  });

  api.get(paths.jobs.apiShowPattern, async (c) => {
    const deps = c.var.deps;
    const id = Number(c.req.param("id"));
    if (!Number.isSafeInteger(id) || id <= 0) throw new NotFound("id");
    const found = await repo.findPosting(deps.database.db, id);
    const today = chinaDate(deps.clock.now());
    if (!found || !isPublic(effectiveStatus(found.posting, today))) throw new NotFound("posting");
    const p = found.posting;
    return c.json({
      id: p.id,
      title: p.title,
      kind: found.kindName,
      form: p.form,
      status: effectiveStatus(p, today),
      headcount: p.headcount,
      filled: p.filledCount,
      payMode: p.payMode,
      wageFen: p.wageFen,
      wageUnit: p.wageUnit,
      startDate: p.startDate,
      endDate: p.endDate,
      hours: p.hours,
      county: { code: p.countyCode, name: deps.regions.countyName(p.countyCode) },
      township: p.townshipCode ? { code: p.townshipCode, name: deps.regions.townshipName(p.townshipCode) } : null,
      address: p.address,
      duties: p.duties,
      requirements: p.requirements,
      brands: found.brands.map((b) => b.name),
      quick: p.quick,
      publishedAt: p.publishedAt,
      url: paths.jobs.show(p.id),
      ...(await recordFields(deps, p)),
    });
  });

  return api;
}

// The read-only JSON API under /api/v1: open postings with the same filters as
// /jobs, and one posting. No personal data: no contact name or phone, no
// employer name (a private employer's name is a person's name), no workers.
import { maskPersonalNumbers, maskPostingText } from "../../shared/mask-text.ts";
import { Hono } from "hono";
import * as v from "valibot";
import type { ApiEndpoint } from "../../shared/openapi.ts";
import { employmentForms, payModes, wageUnits, postingStatuses } from "../../../db/schema/constants.ts";
import type { AppEnv, Deps } from "../../shared/context.ts";
import { readQuery } from "../../shared/forms.ts";
import { chinaDate } from "../../shared/clock.ts";
import { NotFound } from "../../shared/errors.ts";
import { idParam } from "../../shared/params.ts";
import { paths } from "../../paths.ts";
import { parsePage } from "./jobs.schema.ts";
import { filtersOf } from "./jobs.refs.ts";
import { effectiveStatus, isPublic, whenFilters } from "./jobs.domain.ts";
import * as repo from "./jobs.repo.ts";
import { employerRecordOf, goingRateOf, GOING_RATE_DAYS } from "../records/index.ts";

export const API_MAX_PER_PAGE = 50;

function perPageOf(x: unknown): number {
  const n = typeof x === "string" && /^\d{1,4}$/.test(x) ? Number(x) : 20;
  return Math.min(API_MAX_PER_PAGE, Math.max(1, n));
}

// --- The answers' shapes: the OpenAPI document is generated from these, and tests validate real answers against them.

const Place = v.strictObject({ code: v.string(), name: v.string() });
const Wage = {
  payMode: v.picklist(payModes),
  /** Integer fen (分); null when the worker quotes (payMode "quote"). */
  wageFen: v.nullable(v.pipe(v.number(), v.integer())),
  wageUnit: v.nullable(v.picklist(wageUnits)),
};
export const JobListItemSchema = v.strictObject({
  id: v.pipe(v.number(), v.integer()),
  title: v.string(),
  kind: v.string(),
  form: v.picklist(employmentForms),
  headcount: v.pipe(v.number(), v.integer()),
  filled: v.pipe(v.number(), v.integer()),
  ...Wage,
  startDate: v.pipe(v.string(), v.isoDate()),
  endDate: v.pipe(v.string(), v.isoDate()),
  county: Place,
  township: v.nullable(Place),
  quick: v.boolean(),
  url: v.string(),
});
export const JobListSchema = v.strictObject({
  total: v.pipe(v.number(), v.integer()),
  totalIsLowerBound: v.boolean(),
  hasNext: v.boolean(),
  page: v.pipe(v.number(), v.integer()),
  perPage: v.pipe(v.number(), v.integer()),
  /** Pass as ?cursor= to get the rows after this page; null on the last page. */
  nextCursor: v.nullable(v.string()),
  items: v.array(JobListItemSchema),
});
export const JobSchema = v.strictObject({
  id: v.pipe(v.number(), v.integer()),
  title: v.string(),
  kind: v.string(),
  form: v.picklist(employmentForms),
  status: v.picklist(postingStatuses),
  headcount: v.pipe(v.number(), v.integer()),
  filled: v.pipe(v.number(), v.integer()),
  ...Wage,
  startDate: v.pipe(v.string(), v.isoDate()),
  endDate: v.pipe(v.string(), v.isoDate()),
  hours: v.string(),
  county: Place,
  township: v.nullable(Place),
  address: v.string(),
  duties: v.string(),
  requirements: v.string(),
  brands: v.array(v.string()),
  quick: v.boolean(),
  publishedAt: v.nullable(v.pipe(v.number(), v.integer())),
  url: v.string(),
  /** The employer's record over the last 12 months, computed from hires and wage cases (figures only). */
  employerRecord: v.nullable(
    v.strictObject({
      from: v.pipe(v.string(), v.isoDate()),
      to: v.pipe(v.string(), v.isoDate()),
      hiresCompleted: v.pipe(v.number(), v.integer()),
      paidConfirmed: v.pipe(v.number(), v.integer()),
      notPaid: v.pipe(v.number(), v.integer()),
      noAnswer: v.pipe(v.number(), v.integer()),
      wageCasesOpened: v.pipe(v.number(), v.integer()),
      wageCasesOpen: v.pipe(v.number(), v.integer()),
      verifiedSince: v.nullable(v.pipe(v.string(), v.isoDate())),
      isNew: v.boolean(),
    }),
  ),
  /** The going rate for this kind of work and unit: median and middle half of hires' wages in the last 90 days (fen). */
  goingRate: v.nullable(
    v.strictObject({
      days: v.pipe(v.number(), v.integer()),
      scope: v.picklist(["county", "city"]),
      county: v.nullable(Place),
      unit: v.string(),
      hires: v.pipe(v.number(), v.integer()),
      medianFen: v.number(),
      p25Fen: v.number(),
      p75Fen: v.number(),
    }),
  ),
});

const CURSOR_RE = /^(\d{1,15})\.(\d{1,12})$/;
const cursorOf = (r: repo.PostingRow) => `${r.publishedAt ?? 0}.${r.id}`;
function parseCursor(x: string | undefined): repo.Cursor | null | "bad" {
  if (x === undefined) return null;
  const m = CURSOR_RE.exec(x);
  return m ? { at: Number(m[1]), id: Number(m[2]) } : "bad";
}

export const jobsApiEndpoints: ApiEndpoint[] = [
  {
    path: paths.jobs.api,
    summary: "正在招人的活(与网站 /jobs 的筛选相同)",
    description:
      "按发布时间从新到旧。翻页用 cursor:把上一页的 nextCursor 原样传回,发布新活时也不会漏掉或重复;page 仍可用。total 最多数到 500(totalIsLowerBound 为 true 表示更多)。不含任何个人信息。",
    params: [
      { name: "q", in: "query", description: "关键词,如 保洁、搬运(1 个字也能搜)", schema: { type: "string" } },
      { name: "county", in: "query", description: "县(市、区)代码,6 位", schema: { type: "string", pattern: "^\\d{6}$" } },
      { name: "township", in: "query", description: "乡镇(街道)代码,9 位", schema: { type: "string", pattern: "^\\d{9}$" } },
      { name: "kind", in: "query", description: "工种编号(见网站筛选)", schema: { type: "integer", minimum: 1 } },
      { name: "form", in: "query", description: "用工形式", schema: { type: "string", enum: employmentForms } },
      { name: "brand", in: "query", description: "劳务品牌编号", schema: { type: "integer", minimum: 1 } },
      { name: "minDay", in: "query", description: "折合日薪不低于(元)", schema: { type: "integer", minimum: 1 } },
      { name: "when", in: "query", description: "什么时候干活", schema: { type: "string", enum: whenFilters } },
      { name: "per_page", in: "query", description: `每页几条,1–${API_MAX_PER_PAGE},默认 20`, schema: { type: "integer", minimum: 1, maximum: API_MAX_PER_PAGE } },
      { name: "cursor", in: "query", description: "上一页答复里的 nextCursor", schema: { type: "string", pattern: "^\\d+\\.\\d+$" } },
      { name: "page", in: "query", description: "页码(用 cursor 时不看)", schema: { type: "integer", minimum: 1 } },
    ],
    response: { name: "JobList", schema: JobListSchema },
  },
  {
    path: paths.jobs.apiShowPattern,
    summary: "一条招工信息",
    description: "只答公开的招工(正在招或已招满);联系人和电话不在其中,工人到网站或驿站报名。",
    params: [{ name: "id", in: "path", description: "招工编号", schema: { type: "integer", minimum: 1 } }],
    response: { name: "Job", schema: JobSchema },
    notFound: true,
  },
];

function listItem(deps: Deps, r: repo.PostingRow) {
  return {
    id: r.id,
    // Open data: phone and ID numbers typed into free text are masked (src/shared/mask-text.ts).
    title: maskPersonalNumbers(r.title),
    kind: r.kindName,
    form: r.form,
    headcount: r.headcount,
    filled: r.filledCount,
    payMode: r.payMode,
    wageFen: r.wageFen,
    wageUnit: r.wageUnit,
    startDate: r.startDate,
    endDate: r.endDate,
    ...deps.regions.apiPlace(r.countyCode, r.townshipCode),
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
      paidConfirmed: r.paid,
      notPaid: r.notPaid,
      noAnswer: r.unanswered,
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
    const filters = filtersOf(deps, q);
    const page = parsePage(q.page);
    const perPage = perPageOf(q.per_page);
    const cursor = parseCursor(typeof q.cursor === "string" ? q.cursor : undefined);
    if (cursor === "bad") return c.json({ error: "bad_request", message: "cursor 不对:请原样传回上一页的 nextCursor" }, 400);
    const today = chinaDate(deps.clock.now());
    // total stops at repo.COUNT_CAP: totalIsLowerBound says there are more; hasNext whether to ask for the next page.
    const counted = await repo.browse(deps.database.db, filters, today, cursor ? 1 : page, perPage);
    let rows = counted.rows;
    let hasNext = counted.hasNext;
    if (cursor) {
      const after = await repo.browseAfter(deps.database.db, filters, today, cursor, perPage + 1);
      rows = after.slice(0, perPage);
      hasNext = after.length > perPage;
    }
    return c.json({
      total: counted.total,
      totalIsLowerBound: counted.capped,
      hasNext,
      page: cursor ? 1 : page,
      perPage,
      nextCursor: hasNext && rows.length ? cursorOf(rows[rows.length - 1]) : null,
      items: rows.map((r) => listItem(deps, r)),
    });
  });

  api.get(paths.jobs.apiShowPattern, async (c) => {
    const deps = c.var.deps;
    const id = idParam(c);
    const found = await repo.findPosting(deps.database.db, id);
    const today = chinaDate(deps.clock.now());
    if (!found || !isPublic(effectiveStatus(found.posting, today))) throw new NotFound("posting");
    const p = maskPostingText(found.posting);
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
      ...deps.regions.apiPlace(p.countyCode, p.townshipCode),
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

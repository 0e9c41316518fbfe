// Which desk a page acts for, and which worker: the scope checks every desk
// handler starts with. No rendering here.
import type { Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { requireStaff, canSeeCounty, canSeeMarket, ensure } from "../../shared/authz.ts";
import { stationHolds } from "../../shared/station-scope.ts";
import { NotFound } from "../../shared/errors.ts";
import { idParam } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import type { ArrivalRow } from "../../../views/desk/home.tsx";
import type { DeskMarket } from "../../../views/desk/bits.tsx";
import * as repo from "./desk.repo.ts";

const t = copy.desk;
export const PER_PAGE = 20;

export type Desk = { user: CurrentUser; market: repo.Market; m: DeskMarket };
export type WorkerDesk = Desk & { w: repo.DeskWorker };

/**
 * The market this desk page acts for. Staff: their own market, and a
 * `?market=` naming any other is a 404. County and city admins: the market
 * they picked in their scope (else one in `preferCounty`, else the first).
 * Null when an admin has no market at all in scope.
 */
export async function deskOf(c: Ctx, preferCounty?: string | null): Promise<Desk | null> {
  const user = requireStaff(c);
  const { database, regions } = c.var.deps;
  const raw = c.req.query("market");
  const asked = raw === undefined ? null : Number(raw);
  ensure(asked === null || (Number.isSafeInteger(asked) && asked > 0), "market");
  if (user.role === "staff") {
    ensure(user.marketId !== null && (asked === null || asked === user.marketId), "market");
    const market = await repo.findMarket(database.db, user.marketId!);
    ensure(!!market, "market");
    return { user, market, m: { id: market.id, name: market.name, county: regions.countyName(market.countyCode), suffix: "", choices: null } };
  }
  const options = await repo.marketsForAdmin(database.db, user);
  const pick = asked !== null ? options.find((o) => o.id === asked) : (preferCounty && options.find((o) => o.countyCode === preferCounty)) || options[0];
  if (asked !== null) ensure(!!pick, "market");
  if (!pick) return null;
  const market = await repo.findMarket(database.db, pick.id);
  ensure(!!market && canSeeMarket(user, market), "market");
  return {
    user,
    market,
    m: {
      id: market.id,
      name: market.name,
      county: regions.countyName(market.countyCode),
      suffix: `?market=${market.id}`,
      choices: options.map((o) => [String(o.id), `${regions.countyName(o.countyCode)} ${o.name}`] as const),
    },
  };
}

export async function requireDesk(c: Ctx, preferCounty?: string | null): Promise<Desk> {
  const d = await deskOf(c, preferCounty);
  if (!d) throw new NotFound("no market");
  return d;
}

export { idParam } from "../../shared/params.ts";

/** The worker of `:id`, if this staff member's county holds them; otherwise 404. */
async function workerInScope(c: Ctx, user: CurrentUser) {
  const w = await repo.findWorker(c.var.deps.database.db, idParam(c));
  ensure(!!w && canSeeCounty(user, w.scopeCounty), "worker");
  // A station's staff: only their station's people (src/shared/station-scope.ts).
  ensure(await stationHolds(c.var.deps.database.db, user, w.id), "worker");
  return w;
}

/** The desk for a worker's page: an admin without ?market= acts at a market of the worker's county. Also used by other features' desk pages (SMS alerts). */
export async function workerDesk(c: Ctx): Promise<WorkerDesk> {
  const user = requireStaff(c);
  const w = await workerInScope(c, user);
  const desk = await requireDesk(c, w.scopeCounty);
  return { ...desk, w };
}

/** Where a worker's desk page is, from this desk. */
export const workerHref = (d: { m: DeskMarket }, workerId: number) => paths.desk.worker(workerId) + d.m.suffix;

export function arrivalRows(user: CurrentUser, m: DeskMarket, rows: Awaited<ReturnType<typeof repo.checkInsOn>>): ArrivalRow[] {
  // A worker of another county may check in here, but this desk is not told her name (issue #16).
  return rows.map((r) => ({
    workerId: r.workerId,
    name: canSeeCounty(user, r.scopeCounty) ? r.name : t.otherCountyWorker,
    phone: r.phone,
    at: r.at,
    href: canSeeCounty(user, r.scopeCounty) ? paths.desk.worker(r.workerId) + m.suffix : null,
  }));
}

/** Township and address, without saying the township twice ("张桥镇 张桥镇王庄村" → "张桥镇王庄村"). */
export function placeLine(township: string, address: string): string {
  if (!township) return address;
  return address.startsWith(township) ? address : [township, address].filter(Boolean).join(" ");
}

/** @jsxImportSource hono/jsx */
// What the desk prints: the worker's record (务工记录) and card, the public
// page a card's QR code opens, the week's jobs for the notice board, and the
// station's poster.
import type { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { canSeeCounty, isStaff } from "../../shared/authz.ts";
import { stationHolds } from "../../shared/station-scope.ts";
import { NotFound } from "../../shared/errors.ts";
import { chinaDate, addDays } from "../../shared/clock.ts";
import { maskPostingText } from "../../shared/mask-text.ts";
import { pagesFor } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import { WorkerCardPage, PublicCardPage } from "../../../views/desk/card.tsx";
import { JobSheetPage, PosterPage } from "../../../views/desk/print.tsx";
import { renderRecordPrint, issueRecordPrint, printUrl } from "../records/index.ts";
import { parseLookup, pageNumber } from "./desk.domain.ts";
import { qrSvg } from "./desk.qr.ts";
import { requireDesk, workerDesk, placeLine } from "./desk.scope.ts";
import * as repo from "./desk.repo.ts";

const t = copy.desk;
/** A printed sheet: two columns of fifteen, about what a notice board holds. */
const SHEET_SIZE = 30;

export function printRoutes(app: Hono<AppEnv>) {
  // --- Worker card and the page its QR code opens ------------------------------------------------

  // 务工记录: printed for the worker in front of the desk (the records feature draws it).
  app.post(paths.desk.recordPattern, async (c) => {
    const d = await workerDesk(c);
    const code = await issueRecordPrint(c, d.w.id, d.user);
    return c.redirect(printUrl(paths.desk.record(d.w.id) + d.m.suffix, code), 303);
  });

  app.get(paths.desk.recordPattern, async (c) => {
    const d = await workerDesk(c);
    const back = paths.desk.worker(d.w.id) + d.m.suffix;
    return (await renderRecordPrint(c, { id: d.w.id, name: d.w.name }, back)) ?? c.redirect(back, 303);
  });

  app.get(paths.desk.cardPattern, async (c) => {
    const d = await workerDesk(c);
    if (!d.w.cardCode) throw new NotFound("no card code");
    const deps = c.var.deps;
    const qr = await qrSvg(deps.config.publicUrl + paths.desk.cardCode(d.w.cardCode));
    return c.render(
      <WorkerCardPage name={d.w.name} code={d.w.cardCode} market={d.market.name} hotline={deps.config.hotline} qr={qr} back={paths.desk.worker(d.w.id) + d.m.suffix} />,
      { title: t.cardTitle, bare: true },
    );
  });

  app.get(paths.desk.cardCodePattern, async (c) => {
    const deps = c.var.deps;
    const user = c.var.user;
    const lookup = parseLookup(c.req.param("code"));
    if (user && lookup?.by === "card") {
      const w = await repo.findWorkerByCardCode(deps.database.db, lookup.code);
      if (w && isStaff(user) && canSeeCounty(user, w.scopeCounty) && (await stationHolds(deps.database.db, user, w.id))) return c.redirect(paths.desk.worker(w.id), 303);
      if (w && user.role === "worker" && user.id === w.id) return c.redirect(paths.accounts.me, 303);
    }
    // Everyone else, and every unknown code, gets the same page: codes cannot be probed.
    return c.render(<PublicCardPage hotline={deps.config.hotline} />, { title: t.publicCardTitle });
  });

  // --- Printing for the notice board ------------------------------------------------------------------

  app.get(paths.desk.printJobs, async (c) => {
    const { market, m } = await requireDesk(c);
    const deps = c.var.deps;
    const today = chinaDate(deps.clock.now());
    // The week by default; "days=1" prints today's work only (a fresh sheet each morning).
    const todayOnly = c.req.query("days") === "1";
    const until = todayOnly ? today : addDays(today, 6);
    const page = pageNumber(c.req.query("page"));
    const { rows, total } = await repo.postingsToPrint(deps.database.db, { countyCode: market.countyCode, today, until, limit: SHEET_SIZE, offset: (page - 1) * SHEET_SIZE });
    const cards = await Promise.all(
      // A printed sheet goes on a public notice board: numbers typed into free text are masked.
      rows.map(maskPostingText).map(async (p) => ({
        ...p,
        place: placeLine(deps.regions.townshipName(p.townshipCode), p.address),
        qr: await qrSvg(deps.config.publicUrl + paths.jobs.show(p.id)),
      })),
    );
    const base = paths.desk.printJobs + m.suffix;
    const join = base.includes("?") ? "&" : "?";
    const href = (n: number) => `${base}${join}${todayOnly ? "days=1&" : ""}page=${n}`;
    return c.render(
      <JobSheetPage
        market={market.name}
        station={{ phone: market.phone, hours: market.hours }}
        today={today}
        until={until}
        todayOnly={todayOnly}
        switchHref={todayOnly ? base : `${base}${join}days=1`}
        cards={cards}
        total={total}
        page={page}
        pages={pagesFor(total, SHEET_SIZE)}
        href={href}
        back={paths.desk.home + m.suffix}
      />,
      { title: t.printSheetTitle(market.name), bare: true },
    );
  });

  app.get(paths.desk.printPoster, async (c) => {
    const { market, m } = await requireDesk(c);
    const deps = c.var.deps;
    const qr = await qrSvg(deps.config.publicUrl + paths.hotline.report);
    let kinds: string[] = [];
    try {
      const parsed: unknown = JSON.parse(market.kinds);
      if (Array.isArray(parsed)) kinds = parsed.filter((k): k is string => typeof k === "string");
    } catch {
      kinds = [];
    }
    return c.render(
      <PosterPage
        name={market.name}
        address={market.address}
        hours={market.hours}
        kinds={kinds}
        phone={market.phone}
        supervision={market.supervisionPhone}
        hotline={deps.config.hotline}
        qr={qr}
        back={paths.desk.home + m.suffix}
      />,
      { title: market.name, bare: true },
    );
  });
}

/** @jsxImportSource hono/jsx */
// Training attendance, for staff: the form (one page of the roster a time),
// the printed sheet, and the completers' CSV for the subsidy claim.
import { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm } from "../../shared/forms.ts";
import { requireStaff } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { chinaDate } from "../../shared/clock.ts";
import { maskPhone, maskResidentId } from "../../shared/validators.ts";
import { csvResponse } from "../../shared/csv.ts";
import { copy } from "../../../views/copy/index.ts";
import { SheetPage } from "../../../views/training/attendance.tsx";
import { sessionDays, certificateNo } from "./training.domain.ts";
import * as repo from "./training.repo.ts";
import * as actions from "./training.actions.ts";
import { staffSession, attendancePage } from "./training.render.tsx";
import { idParam, pageParam } from "./params.ts";

const t = copy.training;

export function trainingAttendanceRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.training.attendancePattern, (c) => attendancePage(c, requireStaff(c), idParam(c)));

  app.post(paths.training.attendancePattern, async (c) => {
    const user = requireStaff(c);
    const s = await staffSession(c, user, idParam(c));
    const input = await readForm(c, ["ids", "a", "done"]);
    const list = (k: string) => (Array.isArray(input[k]) ? (input[k] as string[]) : []);
    const r = await actions.saveAttendance(c.var.deps, user, s, { ids: list("ids"), present: list("a"), done: list("done") });
    if (!r.ok) return attendancePage(c, user, s.id, t.refusals[r.code], r.code === "badAttendance" ? 400 : 422);
    return redirectWithFlash(c, `${paths.training.attendance(s.id)}?page=${pageParam(c)}`, t.attendanceSaved);
  });

  app.get(paths.training.sheetPattern, async (c) => {
    const user = requireStaff(c);
    const s = await staffSession(c, user, idParam(c));
    const { rows } = await repo.roster(c.var.deps.database.db, s.id, null);
    return c.render(<SheetPage session={s} days={sessionDays(s.startDate, s.endDate)} rows={rows} />, { title: t.sheetTitle(s.title), bare: true });
  });

  // The list behind the subsidy claim (培训补贴申领). ID numbers and phones are
  // masked: the claim is matched by staff against the ID cards and the social
  // security system at the office, so the file needs to identify people, not
  // carry numbers that would leak if it were mailed around or left on the PC.
  app.get(paths.training.completersCsvPattern, async (c) => {
    const user = requireStaff(c);
    const s = await staffSession(c, user, idParam(c));
    const people = await actions.exportCompleters(c.var.deps, user, s);
    const days = sessionDays(s.startDate, s.endDate);
    const rows = people.map((p, i) => [
      i + 1,
      p.name,
      p.idNumber ? maskResidentId(p.idNumber) : "",
      maskPhone(p.phone),
      s.title,
      t.kinds[s.kind],
      s.workKindName ?? "",
      s.provider,
      s.startDate,
      s.endDate,
      days.length,
      p.days.length,
      p.days.join(" "),
      p.completedAt === null ? "" : chinaDate(p.completedAt),
      certificateNo(s.id, p.id, s.startDate),
      p.viaMarket ?? "",
    ]);
    return csvResponse(c, `training-${s.id}-completers.csv`, [t.csvHeader, ...rows]);
  });

  return app;
}

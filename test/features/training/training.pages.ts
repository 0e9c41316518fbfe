import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { addSession, addSignup, addFair, addEmployer, addPosting, kindId } from "./fixtures.ts";
import { jobFairBookings } from "../../../db/schema/index.ts";

/** A course that started yesterday, with the world's worker on it and completed. */
async function runningCourse(w: Parameters<Exclude<PageRecipe["url"], string | undefined>>[0]) {
  const id = await addSession(w.t, w.marketA, { startDate: "2026-11-27", endDate: "2026-11-29", signupDeadline: "2026-11-26" });
  const signupId = await addSignup(w.t, id, w.as.worker.user!.id, { completedAt: w.t.clock.now() });
  return { id, signupId };
}

export const pages: PageRecipe[] = [
  { route: paths.training.list },
  { route: paths.training.list, url: `${paths.training.list}?kind=skills&county=411024` },
  { route: paths.training.showPattern, url: async (w) => paths.training.show(await addSession(w.t, w.marketA, { description: "学习家庭保洁、做饭、照护老人。" })) },
  {
    route: paths.training.showPattern,
    as: "worker",
    url: async (w) => {
      const id = await addSession(w.t, w.marketA, { capacity: 1, confirmedCount: 1, waitSeq: 1 });
      await addSignup(w.t, id, w.as.worker.user!.id, { status: "waiting", waitNo: 1, confirmedAt: null });
      return paths.training.show(id);
    },
  },
  { route: paths.training.showPattern, as: "staff", url: async (w) => paths.training.show(await addSession(w.t, w.marketA)) },
  { route: paths.training.mine, as: "worker" },
  { route: paths.training.certificatePattern, as: "worker", url: async (w) => paths.training.certificate((await runningCourse(w)).signupId) },
  { route: paths.training.staffList, as: "staff" },
  { route: paths.training.staffList, as: "city_admin" },
  { route: paths.training.staffNew, as: "staff" },
  { route: paths.training.staffNew, as: "county_admin" },
  { route: paths.training.staffShowPattern, as: "staff", url: async (w) => paths.training.staffShow((await runningCourse(w)).id) },
  { route: paths.training.staffEditPattern, as: "staff", url: async (w) => paths.training.staffEdit(await addSession(w.t, w.marketA)) },
  { route: paths.training.attendancePattern, as: "staff", url: async (w) => paths.training.attendance((await runningCourse(w)).id) },
  { route: paths.training.sheetPattern, as: "staff", url: async (w) => paths.training.sheet((await runningCourse(w)).id) },
  // Not a page but a CSV download: a visitor who is not signed in is sent to the login page.
  { route: paths.training.completersCsvPattern, url: async (w) => paths.training.completersCsv(await addSession(w.t, w.marketA)), status: 303 },
  { route: paths.training.fairs },
  {
    route: paths.training.fairPattern,
    as: "employer",
    url: async (w) => paths.training.fair((await addFair(w.t, w.marketA, [{ kind: "家政保洁", capacity: 10 }, { kind: "养老护理", capacity: 5 }])).fairId),
  },
  {
    route: paths.training.fairZonePattern,
    url: async (w) => {
      const { fairId, zoneIds } = await addFair(w.t, w.marketA, [{ kind: "家政保洁", capacity: 10 }]);
      const employerId = await addEmployer(w.t, "verified", "鄢陵县花都家政");
      await addPosting(w.t, employerId, "家政保洁");
      await w.t.deps.database.write((db) => db.insert(jobFairBookings).values({ fairId, zoneId: zoneIds[0], employerId, createdAt: w.t.clock.now() }));
      return paths.training.fairZone(fairId, zoneIds[0]);
    },
  },
  { route: paths.training.staffFairs, as: "staff" },
  { route: paths.training.staffFairNew, as: "staff" },
  {
    route: paths.training.staffFairPattern,
    as: "staff",
    url: async (w) => {
      const { fairId, zoneIds } = await addFair(w.t, w.marketA, [{ kind: "家政保洁", capacity: 10 }], { date: "2026-11-28" });
      const employerId = await addEmployer(w.t, "verified", "鄢陵县花都家政");
      await w.t.deps.database.write((db) => db.insert(jobFairBookings).values({ fairId, zoneId: zoneIds[0], employerId, createdAt: w.t.clock.now() }));
      void kindId;
      return paths.training.staffFair(fairId);
    },
  },
];

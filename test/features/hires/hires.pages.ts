// Page recipes for hire records: the record for each party and staff, and the print view.
import type { PageRecipe, World } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { eq } from "drizzle-orm";
import { jobsWorld } from "../jobs/jobs.pages.ts";
import { addCheckIn } from "../desk/fixtures.ts";
import { hires } from "../../../db/schema/index.ts";
import { chinaDate } from "../../../src/shared/clock.ts";

/** The hire, its worker checked in at station A (the staff's station: its staff see only their station's people's hires). */
async function hireAtStation(w: World): Promise<number> {
  const { hireId } = await jobsWorld(w);
  const [h] = await w.t.db.select().from(hires).where(eq(hires.id, hireId));
  await addCheckIn(w.t, w.marketA, h.workerId, chinaDate(w.t.clock.now())).catch(() => {}); // once a day: the second recipe finds it there
  return hireId;
}

export const pages: PageRecipe[] = [
  { route: paths.hires.showPattern, as: "worker", url: async (w) => paths.hires.show((await jobsWorld(w)).hireId) },
  { route: paths.hires.showPattern, as: "employer", url: async (w) => paths.hires.show((await jobsWorld(w)).hireId) },
  { route: paths.hires.showPattern, as: "staff", url: async (w) => paths.hires.show(await hireAtStation(w)) },
  { route: paths.hires.showPattern, as: "city_admin", url: async (w) => paths.hires.show((await jobsWorld(w)).hireId) },
  { route: paths.hires.printPattern, as: "worker", url: async (w) => paths.hires.print((await jobsWorld(w)).hireId) },
];

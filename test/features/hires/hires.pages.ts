// Page recipes for hire records: the record for each party and staff, and the print view.
import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { jobsWorld } from "../jobs/jobs.pages.ts";

export const pages: PageRecipe[] = [
  { route: paths.hires.showPattern, as: "worker", url: async (w) => paths.hires.show((await jobsWorld(w)).hireId) },
  { route: paths.hires.showPattern, as: "employer", url: async (w) => paths.hires.show((await jobsWorld(w)).hireId) },
  { route: paths.hires.showPattern, as: "staff", url: async (w) => paths.hires.show((await jobsWorld(w)).hireId) },
  { route: paths.hires.showPattern, as: "city_admin", url: async (w) => paths.hires.show((await jobsWorld(w)).hireId) },
  { route: paths.hires.printPattern, as: "worker", url: async (w) => paths.hires.print((await jobsWorld(w)).hireId) },
];

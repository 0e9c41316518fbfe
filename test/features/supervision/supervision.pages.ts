import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { addInspection, addPoint } from "./fixtures.ts";

export const pages: PageRecipe[] = [
  { route: paths.supervision.home, as: "staff" },
  { route: paths.supervision.home, as: "city_admin" },
  { route: paths.supervision.marketPattern, as: "staff", url: async (w) => paths.supervision.market(w.marketA) },
  { route: paths.supervision.newInspectionPattern, as: "staff", url: async (w) => paths.supervision.newInspection(w.marketA) },
  {
    route: paths.supervision.inspectionPattern,
    as: "county_admin",
    url: async (w) => paths.supervision.inspection(await addInspection(w.t, { marketId: w.marketA, by: w.as.county_admin.user!.id, date: "2026-11-20", rectifyBy: "2026-11-25", failed: true })),
  },
  { route: paths.supervision.newIncidentPattern, as: "staff", url: async (w) => paths.supervision.newIncident(w.marketA) },
  { route: paths.supervision.incidents, as: "county_admin" },
  { route: paths.supervision.roadside, as: "city_admin" },
  { route: paths.supervision.newPoint, as: "county_admin" },
  {
    route: paths.supervision.pointPattern,
    as: "county_admin",
    url: async (w) => paths.supervision.point(await addPoint(w.t, { countyCode: "411024", by: w.as.county_admin.user!.id, counts: [["2026-11-01", 30], ["2026-11-20", 12]] })),
  },
];

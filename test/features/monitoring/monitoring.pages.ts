import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";

export const pages: PageRecipe[] = [
  { route: paths.monitoring.home, as: "staff" },
  { route: paths.monitoring.home, as: "county_admin" },
  { route: paths.monitoring.home, as: "city_admin" },
  { route: paths.monitoring.home, as: "city_admin", url: `${paths.monitoring.home}?scope=city&from=2025-11-29&to=2026-11-28&by=week` },
  { route: paths.monitoring.home, as: "county_admin", url: `${paths.monitoring.home}?from=2026-11-28&to=2026-11-01`, status: 400 },
  // CSV and JSON files, not pages (their content is tested in monitoring.routes.test.ts): a visitor is sent to log in.
  { route: paths.monitoring.ledger, url: `${paths.monitoring.ledger}?kind=hires`, status: 303 },
  { route: paths.monitoring.statsExport, status: 303 },
  { route: paths.monitoring.statsImport, as: "city_admin" },
];

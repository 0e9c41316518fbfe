// Page recipes for SMS job alerts: the worker's own page, and the desk's page for a worker.
import type { PageRecipe, World } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { addUser } from "../../helpers/app.ts";

/** A worker of market A's county, for the desk's alerts page. */
let shared: Promise<{ id: number }> | null = null;
const aWorker = (w: World) => (shared ??= addUser(w.t, { role: "worker", name: "王阿姨", countyCode: "411024" }));

export const pages: PageRecipe[] = [
  { route: paths.alerts.mine, as: "worker" },
  { route: paths.desk.alertsPattern, as: "staff", url: async (w) => paths.desk.alerts((await aWorker(w)).id) },
  { route: paths.desk.alertsPattern, as: "city_admin", url: async (w) => paths.desk.alerts((await aWorker(w)).id) },
];

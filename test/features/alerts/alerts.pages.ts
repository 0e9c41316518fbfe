// Page recipes for SMS job alerts: the worker's own page, and the desk's page for a worker.
import type { PageRecipe, World } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { addUser } from "../../helpers/app.ts";
import { addCheckIn } from "../desk/fixtures.ts";
import { chinaDate } from "../../../src/shared/clock.ts";

/** A worker of market A's county who came to station A (its staff act only on their station's people), for the desk's alerts page. */
let shared: Promise<{ id: number }> | null = null;
const aWorker = (w: World) =>
  (shared ??= addUser(w.t, { role: "worker", name: "王阿姨", countyCode: "411024" }).then(async (u) => {
    await addCheckIn(w.t, w.marketA, u.id, chinaDate(w.t.clock.now()));
    return u;
  }));

export const pages: PageRecipe[] = [
  { route: paths.alerts.mine, as: "worker" },
  { route: paths.desk.alertsPattern, as: "staff", url: async (w) => paths.desk.alerts((await aWorker(w)).id) },
  { route: paths.desk.alertsPattern, as: "city_admin", url: async (w) => paths.desk.alerts((await aWorker(w)).id) },
];

// Page recipes for the desk: every GET route, as the people who use it.
import type { PageRecipe, World } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { addDays, chinaDate } from "../../../src/shared/clock.ts";
import { addWorker, addEmployer, addPosting, addCheckIn } from "./fixtures.ts";

/** One worker of market A's county, made once for the recipes that need one. */
let shared: Promise<{ id: number; cardCode: string }> | null = null;
const aWorker = (w: World) =>
  (shared ??= addWorker(w.t, { name: "孙大爷", birthYear: 1960, idNumber: "11010519491231002X", viaMarketId: w.marketA, kinds: ["搬运装卸"] }).then(async (x) => {
    const today = chinaDate(w.t.clock.now());
    await addCheckIn(w.t, w.marketA, x.id, addDays(today, -40));
    await addCheckIn(w.t, w.marketA, x.id, today);
    return x;
  }));

/** Thirty open postings in market B's county (禹州), so the sheet is printed full. */
let sheet: Promise<void> | null = null;
const fullSheet = (w: World) =>
  (sheet ??= (async () => {
    const e = await addEmployer(w.t, "411081");
    const kinds = ["搬运装卸", "家政保洁", "建筑小工", "钧瓷制作", "农业采摘", "餐饮服务"];
    const today = chinaDate(w.t.clock.now());
    for (let i = 0; i < 30; i++) {
      await addPosting(w.t, { employerId: e.employerId, countyCode: "411081", kind: kinds[i % kinds.length], title: `${kinds[i % kinds.length]} ${i + 1} 号活,要手脚麻利的`, start: addDays(today, i % 5), end: addDays(today, (i % 5) + 3) });
    }
  })());

export const pages: PageRecipe[] = [
  { route: paths.desk.home, as: "staff" },
  { route: paths.desk.home, as: "county_admin" },
  { route: paths.desk.home, as: "city_admin" },
  { route: paths.desk.checkin, as: "staff" },
  { route: paths.desk.register, as: "staff" },
  { route: paths.desk.workerPattern, as: "staff", url: async (w) => paths.desk.worker((await aWorker(w)).id) },
  { route: paths.desk.workerPattern, as: "county_admin", url: async (w) => paths.desk.worker((await aWorker(w)).id) },
  { route: paths.desk.workerPattern, as: "city_admin", url: async (w) => paths.desk.worker((await aWorker(w)).id) },
  { route: paths.desk.cardPattern, as: "staff", url: async (w) => paths.desk.card((await aWorker(w)).id) },
  { route: paths.desk.priority, as: "staff", url: async (w) => (await aWorker(w), paths.desk.priority) },
  { route: paths.desk.order, as: "staff", url: async (w) => (await aWorker(w), paths.desk.order) },
  { route: paths.desk.printJobs, as: "staff" },
  { route: paths.desk.printJobs, as: "city_admin", url: async (w) => (await fullSheet(w), `${paths.desk.printJobs}?market=${w.marketB}`) },
  { route: paths.desk.printPoster, as: "staff" },
  { route: paths.desk.postJob, as: "staff" },
  { route: paths.desk.cardCodePattern, url: async (w) => paths.desk.cardCode((await aWorker(w)).cardCode) },
  { route: paths.desk.cardCodePattern, as: "staff", url: async (w) => paths.desk.cardCode((await aWorker(w)).cardCode), status: 303 },
  { route: paths.desk.stationOrderPattern, url: async (w) => (await aWorker(w), paths.desk.stationOrder(w.marketA)) },
];

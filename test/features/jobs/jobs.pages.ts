// Page recipes for the jobs feature (see test/helpers/pages.ts): every GET
// route, for the visitors who see it, with realistic data: a job list of 20
// postings (and a next page), a posting with quotes, a hire awaiting the
// "were you paid?" answer.
import { eq } from "drizzle-orm";
import type { PageRecipe, World } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { employers, hires } from "../../../db/schema/index.ts";
import { addPosting, addWorker, YANLING } from "./fixtures.ts";
import { addDays } from "../../../src/shared/clock.ts";

export interface JobsWorld {
  employerId: number;
  open: number;
  quote: number;
  draft: number;
  hireId: number;
}

const made = new WeakMap<World, Promise<JobsWorld>>();

/** The world's employer gets its employer row and postings; the world's worker a hire. Made once per world. */
export function jobsWorld(w: World): Promise<JobsWorld> {
  if (!made.has(w)) made.set(w, build(w));
  return made.get(w)!;
}

async function build(w: World): Promise<JobsWorld> {
  const { t } = w;
  const employerUser = w.as.employer.user!;
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(employers)
      .values({ userId: employerUser.id, kind: "company", name: "鄢陵县花木合作社", contactName: "周经理", contactPhone: employerUser.phone, countyCode: YANLING, status: "verified", createdAt: t.clock.now() })
      .returning({ id: employers.id }),
  );
  const employerId = row.id;
  const kinds = ["家政保洁", "花木养护", "搬运装卸", "建筑小工", "水电安装"];
  for (let i = 0; i < 24; i++) {
    await addPosting(t, employerId, {
      title: `${kinds[i % kinds.length]}:${["城关镇小区打扫卫生,擦窗拖地整理厨房", "花木基地修剪浇水,管吃住", "仓库卸货,按天结算"][i % 3]}`,
      kind: kinds[i % kinds.length],
      quick: i % 4 === 0,
      headcount: 1 + (i % 5),
      townshipCode: "411024100",
      address: "柏梁镇花木大道 18 号花木交易市场北门",
    });
  }
  const open = await addPosting(t, employerId, { title: "家里打扫卫生,两室一厅", requirements: "会用吸尘器,做事仔细", townshipCode: "411024100" });
  const quote = await addPosting(t, employerId, { title: "厨房下水道堵了,请师傅疏通", kind: "管道疏通", payMode: "quote", wageFen: null, wageUnit: null, headcount: 1 });
  const draft = await addPosting(t, employerId, { title: "过年前大扫除", status: "draft" });
  for (const price of ["180", "150", "220"]) {
    const wk = await addWorker(t, { name: "张师傅" });
    const b = t.client();
    await b.login(wk.phone, wk.pin);
    await b.get(paths.jobs.show(quote));
    await b.post(paths.jobs.apply(quote), { quote: price, quoteNote: "自带工具,一小时内到" });
  }
  // The world's worker signs up and is hired; the work is done, so the page asks about pay.
  const done = await addPosting(t, employerId, { title: "花木基地修剪", kind: "花木养护", endDate: addDays("2026-11-28", 1) });
  await w.as.worker.get(paths.jobs.show(done));
  await w.as.worker.post(paths.jobs.apply(done), {});
  await w.as.worker.post(paths.jobs.apply(open), {});
  await w.as.employer.get(paths.jobs.applicants(done));
  const appId = Number(w.as.employer.last.html.match(/\/employer\/applications\/(\d+)\/confirm/)![1]);
  await w.as.employer.post(paths.jobs.confirm(appId), {});
  const [hire] = await t.db.select({ id: hires.id }).from(hires).where(eq(hires.applicationId, appId));
  await t.deps.database.write((db) => db.update(hires).set({ status: "completed" }).where(eq(hires.id, hire.id)));
  return { employerId, open, quote, draft, hireId: hire.id };
}

export const pages: PageRecipe[] = [
  { route: paths.home, name: "home with today's quick jobs", url: async (w) => (await jobsWorld(w), paths.home) },
  { route: paths.jobs.list, name: "job list, 20 postings", url: async (w) => (await jobsWorld(w), paths.jobs.list) },
  { route: paths.jobs.list, as: "staff", url: async (w) => (await jobsWorld(w), `${paths.jobs.list}?county=${YANLING}&q=${encodeURIComponent("保洁")}`) },
  { route: paths.jobs.list, url: `${paths.jobs.list}?q=${encodeURIComponent("没有这个活")}&when=today&form=gig&minDay=300` },
  { route: paths.jobs.new, as: "employer", url: async (w) => (await jobsWorld(w), paths.jobs.new) },
  { route: paths.jobs.quick, as: "employer", url: async (w) => (await jobsWorld(w), paths.jobs.quick) },
  { route: paths.jobs.mine, as: "employer", url: async (w) => (await jobsWorld(w), paths.jobs.mine) },
  { route: paths.jobs.showPattern, name: "job detail", url: async (w) => paths.jobs.show((await jobsWorld(w)).open) },
  { route: paths.jobs.showPattern, as: "worker", url: async (w) => paths.jobs.show((await jobsWorld(w)).open) },
  { route: paths.jobs.showPattern, as: "employer", url: async (w) => paths.jobs.show((await jobsWorld(w)).open) },
  { route: paths.jobs.showPattern, as: "staff", url: async (w) => paths.jobs.show((await jobsWorld(w)).open) },
  { route: paths.jobs.showPattern, url: async (w) => paths.jobs.show((await jobsWorld(w)).quote) },
  { route: paths.jobs.showPattern, as: "anon", url: async (w) => paths.jobs.show((await jobsWorld(w)).draft), status: 404 },
  { route: paths.jobs.editPattern, as: "employer", url: async (w) => paths.jobs.edit((await jobsWorld(w)).draft) },
  { route: paths.jobs.applicantsPattern, as: "employer", url: async (w) => paths.jobs.applicants((await jobsWorld(w)).quote) },
  { route: paths.jobs.applications, as: "worker", url: async (w) => (await jobsWorld(w), paths.jobs.applications) },
  // The world's worker has a PIN, so the first-PIN page sends them to the PIN change page (its form is tested in jobs.routes.test.ts).
  { route: paths.jobs.firstPin, as: "worker", status: 303 },
];

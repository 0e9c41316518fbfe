// Page recipes for the records: an employer's public card and her own record,
// a worker's record, its print and the page its QR opens, the desk's print,
// and the going-rate trend in monitoring. The jobs world's employer gets a
// dozen paid hires (so the going rate shows) beside the world's worker's one.
import type { PageRecipe, World } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { addDays, chinaDate } from "../../../src/shared/clock.ts";
import { jobsWorld } from "../jobs/jobs.pages.ts";
import { addHires } from "./fixtures.ts";

const made = new WeakMap<World, Promise<{ employerId: number; code: string }>>();

function recordsWorld(w: World) {
  if (!made.has(w)) made.set(w, build(w));
  return made.get(w)!;
}

async function build(w: World) {
  const jw = await jobsWorld(w);
  const today = chinaDate(w.t.clock.now());
  await addHires(
    w.t,
    jw.employerId,
    jw.open,
    [150, 160, 160, 170, 180, 180, 180, 190, 200, 200, 210, 220].map((y, i) => ({ wageFen: y * 100, endDate: addDays(today, -1 - i), paid: i === 3 ? ("not_paid" as const) : ("paid" as const) })),
  );
  await w.as.worker.get(paths.records.mine);
  await w.as.worker.post(paths.records.minePrint, {});
  const code = new URL(w.as.worker.last.location!, "http://x").searchParams.get("code")!;
  return { employerId: jw.employerId, code };
}

export const pages: PageRecipe[] = [
  { route: paths.records.employerPattern, name: "employer card", url: async (w) => paths.records.employer((await recordsWorld(w)).employerId) },
  { route: paths.records.employerMine, as: "employer", url: async (w) => (await recordsWorld(w), paths.records.employerMine) },
  { route: paths.records.mine, as: "worker", name: "my work record", url: async (w) => (await recordsWorld(w), paths.records.mine) },
  { route: paths.records.minePrint, as: "worker", url: async (w) => `${paths.records.minePrint}?code=${(await recordsWorld(w)).code}` },
  { route: paths.records.checkPattern, as: "staff", url: async (w) => paths.records.check((await recordsWorld(w)).code) },
  { route: paths.records.checkPattern, as: "staff", url: paths.records.check("NoSuchCode123") },
  { route: paths.records.trend, as: "city_admin", url: async (w) => (await recordsWorld(w), paths.records.trend) },
  { route: paths.records.trend, as: "staff", url: async (w) => (await recordsWorld(w), paths.records.trend) },
  {
    route: paths.desk.recordPattern,
    as: "staff",
    url: async (w) => {
      await recordsWorld(w);
      const id = w.as.worker.user!.id;
      await w.as.staff.get(paths.desk.worker(id));
      await w.as.staff.post(paths.desk.record(id), {});
      return w.as.staff.last.location!;
    },
  },
];

import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { addWorker, addCards } from "./fixtures.ts";

// A full page of cards with long notes, so the list is measured at its heaviest.
let filled = false;
async function fill(w: Parameters<Exclude<PageRecipe["url"], string | undefined>>[0]) {
  if (filled) return;
  filled = true;
  const worker = await addWorker(w.t, { name: "欧阳秀英" });
  await addCards(
    w.t,
    worker.id,
    Array.from({ length: 22 }, (_, i) => ({
      kind: i % 2 ? "花木养护" : "家政保洁",
      countyCode: "411024",
      townshipCode: "411024101",
      note: "能吃苦,有电动车,会修剪苗木,也会打扫卫生,干活仔细。".repeat(6).slice(0, 200),
      at: w.t.clock.now() - i * 60_000,
    })),
  );
}

export const pages: PageRecipe[] = [
  { route: paths.workers.register },
  { route: paths.workers.list, url: async (w) => (await fill(w), paths.workers.list) },
  { route: paths.workers.list, as: "staff", url: async (w) => (await fill(w), `${paths.workers.list}?county=411024`) },
  { route: paths.workers.list, as: "employer", url: `${paths.workers.list}?county=411024&township=411024101&page=2` },
  { route: paths.workers.profile, as: "worker" },
  { route: paths.workers.pin, as: "worker" },
  { route: paths.workers.cards, as: "worker" },
  { route: paths.workers.cardNew, as: "worker" },
];

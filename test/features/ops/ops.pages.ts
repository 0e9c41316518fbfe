import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { insertWorker } from "../../../src/features/workers/index.ts";
import { nextPhone } from "../../helpers/app.ts";

export const pages: PageRecipe[] = [
  { route: paths.ops.status, as: "city_admin" },
  { route: paths.ops.status, as: "county_admin" },
  { route: paths.ops.forget, as: "staff" },
  {
    route: paths.ops.forgetWorkerPattern,
    as: "staff",
    url: async (w) => {
      const { id } = await w.t.deps.database.transaction((tx) =>
        insertWorker(tx, { phone: nextPhone(), name: "待注销工人", pinHash: null, countyCode: "411024", viaMarketId: w.marketA }, w.t.clock.now()),
      );
      return paths.ops.forgetWorker(id);
    },
  },
];

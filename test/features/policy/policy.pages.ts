import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { addArticle } from "./fixtures.ts";

export const pages: PageRecipe[] = [
  {
    route: paths.policy.list,
    url: async (w) => {
      for (const category of ["employment", "safety", "legal", "injury_insurance", "startup_loan", "training_subsidy"] as const) {
        await addArticle(w.t, { category, title: `${category} 一` });
        await addArticle(w.t, { category, title: `${category} 二`, marketId: w.marketA });
      }
      return paths.policy.list;
    },
  },
  { route: paths.policy.list, url: `${paths.policy.list}?category=legal` },
  { route: paths.policy.list, as: "staff" },
  { route: paths.policy.showPattern, url: async (w) => paths.policy.show(await addArticle(w.t)) },
  { route: paths.policy.staffList, as: "staff" },
  { route: paths.policy.staffList, as: "city_admin" },
  { route: paths.policy.staffNew, as: "staff" },
  { route: paths.policy.staffNew, as: "city_admin" },
  { route: paths.policy.staffEditPattern, as: "staff", url: async (w) => paths.policy.staffEdit(await addArticle(w.t, { marketId: w.marketA })) },
];

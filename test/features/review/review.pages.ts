import type { PageRecipe, World } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { addEmployer, addPosting } from "../jobs/fixtures.ts";

/** A household employer's posting for 30 people, held for review (as the posting limits keep it). */
export async function heldPosting(w: World) {
  const e = await addEmployer(w.t, { name: "王大妈" });
  return addPosting(w.t, e.employerId, { status: "draft", headcount: 30, title: "秋收掰玉米" });
}

export const pages: PageRecipe[] = [
  { route: paths.review.queue, as: "staff", url: async (w) => (await heldPosting(w), paths.review.queue) },
  { route: paths.review.showPattern, as: "county_admin", url: async (w) => paths.review.show(await heldPosting(w)) },
];

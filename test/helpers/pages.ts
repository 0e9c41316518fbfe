// Page recipes: every GET route of the app is listed in some `*.pages.ts` file
// under test/, saying who visits it and how to build its URL. The page-budget
// test (test/pages/budget.test.ts) renders each one and checks the house rules
// (14 KB, lang, title, labels); a GET route with no recipe fails that test.
import type { Browser, TestApp } from "./app.ts";
import { addMarket, signedIn } from "./app.ts";

export type Visitor = "anon" | "worker" | "employer" | "staff" | "county_admin" | "city_admin";

export interface World {
  t: TestApp;
  /** Market A in 鄢陵县 (411024): the staff member's market. */
  marketA: number;
  /** Market B in 禹州市 (411081). */
  marketB: number;
  as: Record<Visitor, Browser & { user?: { id: number; phone: string } }>;
}

export interface PageRecipe {
  /** The route pattern exactly as registered, e.g. "/jobs/:id". */
  route: string;
  as?: Visitor;
  /** The URL to visit; defaults to the route itself. May create data first. */
  url?: string | ((w: World) => Promise<string>);
  /** Expected status: 200 unless the page redirects (e.g. 303). */
  status?: number;
  /** Also check the page in large-text mode. */
  name?: string;
}

export async function makeWorld(t: TestApp): Promise<World> {
  const marketA = await addMarket(t, { name: "鄢陵县零工驿站", countyCode: "411024", tier: "station" });
  const marketB = await addMarket(t, { name: "禹州市零工市场", countyCode: "411081", tier: "county" });
  const as = {
    anon: t.client(),
    worker: await signedIn(t, { role: "worker", name: "王大姐", pin: "246810" }),
    employer: await signedIn(t, { role: "employer", name: "李老板" }),
    staff: await signedIn(t, { role: "staff", name: "张干事", marketId: marketA }),
    county_admin: await signedIn(t, { role: "county_admin", name: "赵科长", countyCode: "411024" }),
    city_admin: await signedIn(t, { role: "city_admin", name: "刘主任" }),
  } as World["as"];
  return { t, marketA, marketB, as };
}

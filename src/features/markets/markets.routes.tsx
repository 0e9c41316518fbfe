// Markets: the public directory (名录) and each market's page, the admin pages
// where county and city admins keep market records, the 十个一 checklist, and
// the Atom feed of a county's open postings. One file per page group; the use
// cases are in markets.actions.ts, what pages show in markets.present.ts.
import { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { directoryRoutes, feedRoutes } from "./markets.directory.routes.tsx";
import { adminRoutes } from "./markets.admin.routes.tsx";
import { checklistRoutes } from "./markets.checklist.routes.tsx";

export function marketsRoutes() {
  const app = new Hono<AppEnv>();
  directoryRoutes(app);
  adminRoutes(app);
  checklistRoutes(app);
  feedRoutes(app);
  return app;
}

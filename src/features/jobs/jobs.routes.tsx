// The gig market's pages, in the order they must be matched: home and
// browsing, the employer's postings (/jobs/new and /jobs/quick before
// /jobs/:id), one posting and sign-ups, the acts on a posting, the
// employer's decisions and the worker's list.
import { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { browseRoutes } from "./jobs.browse.routes.tsx";
import { postRoutes, postingActRoutes } from "./jobs.post.routes.tsx";
import { postingRoutes, decisionRoutes } from "./jobs.apply.routes.tsx";

export function jobsRoutes() {
  const app = new Hono<AppEnv>();
  browseRoutes(app);
  postRoutes(app);
  postingRoutes(app);
  postingActRoutes(app);
  decisionRoutes(app);
  return app;
}

// The station desk (驿站工作台): staff at a shared PC register walk-in
// workers, check them in, help the hardest to place, keep the day's order
// fair, and print for the notice board. Every act for someone present is
// stored with the staff member and market and written to the audit log.
import { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { frontRoutes } from "./desk.front.routes.tsx";
import { workerRoutes } from "./desk.worker.routes.tsx";
import { actingRoutes } from "./desk.acting.routes.tsx";
import { orderRoutes } from "./desk.order.routes.tsx";
import { printRoutes } from "./desk.print.routes.tsx";

export { workerDesk } from "./desk.scope.ts";

export function deskRoutes() {
  const app = new Hono<AppEnv>();
  frontRoutes(app);
  workerRoutes(app);
  actingRoutes(app);
  orderRoutes(app);
  printRoutes(app);
  return app;
}

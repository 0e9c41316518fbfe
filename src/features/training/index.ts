// The training feature: training sessions with sign-ups, a waiting list,
// attendance and certificates, and special gig job fairs (专场招聘会).
// Its only door: other code imports from here.
import { Hono } from "hono";
import type { Feature } from "../../shared/feature.ts";
import type { AppEnv } from "../../shared/context.ts";
import { trainingRoutes, trainingMeLinks } from "./training.routes.tsx";
import { trainingStaffRoutes } from "./training.staff.routes.tsx";
import { trainingAttendanceRoutes } from "./training.attendance.routes.tsx";
import { fairRoutes, fairsEmployerHomeLinks } from "./fairs.routes.tsx";
import { forgetSignups } from "./training.repo.ts";
import { tell } from "./training.notices.ts";
import { chinaDate } from "../../shared/clock.ts";

export { trainingKinds, type TrainingKind } from "../../../db/schema/index.ts";

function routes() {
  const app = new Hono<AppEnv>();
  app.route("/", trainingRoutes());
  app.route("/", trainingStaffRoutes());
  app.route("/", trainingAttendanceRoutes());
  app.route("/", fairRoutes());
  return app;
}

export const feature: Feature = {
  name: "training",
  meLinks: [trainingMeLinks],
  employerHomeLinks: [fairsEmployerHomeLinks],
  routes,
  install(deps) {
    deps.hooks.forgetWorkers.push(async (tx, workerIds, now) => {
      // The first waiting move up into the places given up, and are told.
      await tell(tx, (await forgetSignups(tx, workerIds, now, chinaDate(now))).news, now);
    });
  },
};

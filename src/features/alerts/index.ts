// SMS job alerts (招工短信提醒) with reply to sign up: a worker — or staff for
// her at the desk — subscribes by kind of work and county/township; at most
// one text a day with up to 3 new matching postings; replying "报名 1234"
// signs her up if her number is proven; "TD" stops all texts. Its only door.
import { inArray } from "drizzle-orm";
import type { Feature } from "../../shared/feature.ts";
import type { Deps } from "../../shared/context.ts";
import { smsAlerts } from "../../../db/schema/index.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { alertsRoutes } from "./alerts.routes.tsx";
import { runAlerts } from "./alerts.actions.ts";
import { repeatInBackground } from "../../shared/timer.ts";
import type { LinkProvider } from "../../shared/hooks.ts";

export { runAlerts, handleReply, subscribe } from "./alerts.actions.ts";
export { parseReply, jobsLine, alertsOpen } from "./alerts.domain.ts";
export { parseReplies } from "./alerts.routes.tsx";

/** How often the daily alerts are looked at; each subscription is texted at most once a Beijing day. */
export const ALERTS_EVERY_MS = 10 * 60_000;

const meLinks: LinkProvider = ((c) => (c.var.user?.role === "worker" ? [[paths.alerts.mine, copy.alerts.meLink]] : []));

/** Runs the daily alerts every 10 minutes (daytime, Beijing); the timer does not keep the process alive. */
export function startAlertsTimer(deps: Deps, everyMs = ALERTS_EVERY_MS): () => void {
  const run = async () => {
    const n = await runAlerts(deps);
    if (n) deps.log.info("sms alerts", { sent: n });
  };
  return repeatInBackground("sms alerts", deps.log, run, everyMs);
}

export const feature: Feature = {
  name: "alerts",
  meLinks: [meLinks],
  routes: alertsRoutes,
  install(deps) {
    // A forgotten worker's subscription goes with her.
    deps.hooks.forgetWorkers.push(async (tx, workerIds) => {
      await tx.delete(smsAlerts).where(inArray(smsAlerts.userId, workerIds));
    });
    return startAlertsTimer(deps);
  },
};

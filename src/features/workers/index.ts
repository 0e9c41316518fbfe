// Workers: registration, profile, work-seeking cards (求职信息). Its only door.
import type { Feature } from "../../shared/feature.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { workersRoutes } from "./workers.routes.tsx";
import type { LinkProvider } from "../../shared/hooks.ts";

export { insertWorker, findWorkerByPhone, listKinds, seekersByKind, browseCards, type NewWorker, type CardFilter } from "./workers.repo.ts";
export { newCardCode, CARD_ALPHABET, maskName, ageIn, birthYearRange, daysString, daysList, wageProblem, placeProblem, MAX_OPEN_CARDS } from "./workers.domain.ts";

// "My account" for a worker: the profile, the cards and the PIN.
const meLinks: LinkProvider = (c) =>
  c.var.user?.role === "worker"
    ? [
        [paths.workers.profile, copy.workers.meProfile],
        [paths.workers.cards, copy.workers.meCards],
        [paths.workers.pin, copy.workers.mePin],
      ]
    : [];

export const feature: Feature = { name: "workers", meLinks: [meLinks], routes: workersRoutes };

// Workers: registration, profile, work-seeking cards (求职信息). Its only door.
import type { Feature } from "../../shared/feature.ts";

export { insertWorker, findWorkerByPhone, type NewWorker } from "./workers.repo.ts";
export { newCardCode, CARD_ALPHABET } from "./workers.domain.ts";

export const feature: Feature = { name: "workers" };

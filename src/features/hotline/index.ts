// The supervision hotline and labour-rights window (监管热线 / 维权窗口). Its only door.
import type { Feature } from "../../shared/feature.ts";
import { hotlineRoutes } from "./hotline.routes.tsx";
import { installHooks } from "./hotline.hooks.ts";

export { hotlineRoutes } from "./hotline.routes.tsx";
/** Opens (or finds) the wage case of a hire whose worker was not paid; call inside a transaction. */
export { openCaseForHire, wageFlags, wagePublishingStop } from "./hotline.hooks.ts";
export { parseCaseNumber, formatCaseNumber, canSeeCase, transition, nextActions } from "./hotline.domain.ts";
export { hotlineSettings } from "./hotline.settings.ts";
export { findCaseByNumber } from "./hotline.repo.ts";

export const feature: Feature = { name: "hotline", routes: hotlineRoutes, install: installHooks };
